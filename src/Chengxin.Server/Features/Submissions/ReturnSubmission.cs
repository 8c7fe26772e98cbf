using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Submissions;

/// <summary>The office's return of a whole submission: why, and by when the unit answers (Beijing time unless an offset is given).</summary>
public sealed record ReturnSubmissionRequest(string? Reason, string? SupplementDue);

/// <summary>
/// The office sends a whole submission back for supplement (during collection or review): the unit sees the reason, and every
/// item it answers goes back with it, so the liaison's form and the reviewers' queue show each one as returned.
/// </summary>
public static class ReturnSubmission
{
    public static async Task<IResult> Handle(long campaignId, long unitId, ReturnSubmissionRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        // Authorised on the campaign first: only an admin who manages it returns its submissions.
        if (await CampaignContext.FindManagedAsync(db, scope, campaignId, ct) is null)
            return ProblemResponses.NotFound("评价批次");
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var now = clock.GetUtcNow();
        var validation = new Validation().Required("reason", request.Reason, "退回原因", 2000);
        var due = Instants.Parse(request.SupplementDue, "supplementDue", validation);
        if (due is null && string.IsNullOrWhiteSpace(request.SupplementDue))
            validation.Add("supplementDue", "退回补充须给出补充期限。");
        if (due is { } d && d <= now)
            validation.Add("supplementDue", "补充期限须晚于当前时间。");
        if (!validation.IsValid)
            return validation.Problem();
        var submission = context.Submission ?? throw new DomainRuleException("该单位尚未提交报送，不能退回。");
        var reason = request.Reason!.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var domain = submission.Restore();
        domain.Return($"信用办退回：{reason}", due!.Value, now);
        submission.Store(domain);

        var items = await db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submission.Id).ToDictionaryAsync(i => i.ItemId, i => i.FactsVersion, ct);
        var records = await db.ItemReviews.Where(r => r.SubmissionId == submission.Id).ToDictionaryAsync(r => r.ItemId, ct);
        var office = scope.UserId!.Value.ToString();
        foreach (var item in context.Scheme.Scheme.Items.Where(i => i.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name)))
        {
            if (!records.TryGetValue(item.Id, out var record))
            {
                record = new ItemReviewRecord { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = item.Id };
                db.ItemReviews.Add(record);
            }
            var review = record.Restore();
            review.Return(office, reason, items.GetValueOrDefault(item.Id), review.Version);
            record.Store(review);
            record.ReviewerName = scope.ActorName;
            record.ReviewedAt = now.UtcDateTime;
        }
        await Notices.PostToUnitAsync(db, unitId, new Notice("returned", $"报送被退回补充：{context.Campaign.Name}", $"退回原因：{reason}\n补充期限：{BeijingTime.Local(due.Value):yyyy年M月d日 HH:mm}",
            $"/submission?campaign={campaignId}&unit={unitId}", $"returned:{submission.Id}:{now.UtcTicks}"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await SubmissionContext.ViewAsync(db, context with { Submission = submission }, ct);
    }
}
