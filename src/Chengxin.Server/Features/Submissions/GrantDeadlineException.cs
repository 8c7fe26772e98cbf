using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;
using Submission = Chengxin.Server.Data.Submission;

namespace Chengxin.Server.Features.Submissions;

/// <summary>A later deadline for one unit, granted by the office with a reason (Beijing time unless an offset is given).</summary>
public sealed record DeadlineExceptionRequest(string? Due, string? Reason);

public static class GrantDeadlineException
{
    /// <summary>The office grants one unit a later deadline, through the domain (only before it has submitted, always with a reason).</summary>
    public static async Task<IResult> Handle(long campaignId, long unitId, DeadlineExceptionRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        if (await CampaignContext.FindManagedAsync(db, scope, campaignId, ct) is null)
            return ProblemResponses.NotFound("评价批次");
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var validation = new Validation().Required("reason", request.Reason, "调整原因", 500);
        var due = Instants.Parse(request.Due, "due", validation);
        if (due is null && string.IsNullOrWhiteSpace(request.Due))
            validation.Add("due", "请填写新的截止时间。");
        if (!validation.IsValid)
            return validation.Problem();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var submission = await SubmissionContext.EnsureSubmissionAsync(db, context, scope, now.UtcDateTime, ct);
        // A draft's deadline moves only while collection runs: once it has closed, the unit is on record as 逾期未报.
        if (submission.State == SubmissionState.Draft && context.Campaign.State != CampaignState.Open)
            return ProblemResponses.Conflict($"评价批次{Chengxin.Domain.Campaigns.Campaign.Name(context.Campaign.State)}，收集已结束，不能再为未报送的单位延期。");
        if (DeadlineExceptionProblem(submission, due!.Value, now) is { } refused)
            return refused;
        var domain = submission.Restore();
        domain.GrantDeadlineException(due.Value, request.Reason!.Trim());
        submission.Store(domain);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await SubmissionView.MapAsync(db, context with { Submission = submission }, ct));
    }

    /// <summary>
    /// A later deadline gives time: it must lie after the unit's current one (the supplement deadline of a returned unit) and
    /// after now. Either refusal is about the given time, so a 400 on due naming the current deadline.
    /// </summary>
    private static IResult? DeadlineExceptionProblem(Submission submission, DateTimeOffset due, DateTimeOffset now)
    {
        var current = submission.State == SubmissionState.Returned ? submission.ReturnDue : submission.Due;
        var validation = new Validation();
        if (current is { } c && due <= BeijingTime.Utc(c))
            validation.Add("due", $"新的截止时间须晚于本单位当前的截止时间（{BeijingTime.Local(c):yyyy-MM-dd HH:mm}）。");
        else if (due <= now)
            validation.Add("due", $"新的截止时间须晚于当前时间（{BeijingTime.Local(now.UtcDateTime):yyyy-MM-dd HH:mm}）。");
        return validation.IsValid ? null : validation.Problem();
    }
}
