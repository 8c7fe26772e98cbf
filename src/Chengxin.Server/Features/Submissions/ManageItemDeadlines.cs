using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Submission = Chengxin.Server.Data.Submission;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// Per-item deadline exceptions (issue 5): the office gives one item of one unit a later deadline, with a reason. Edits and
/// evidence for that item up to the new deadline are on time; after it they are taken and marked late, like any other.
/// </summary>
public static class ManageItemDeadlines
{
    public static async Task<IResult> Grant(long campaignId, long unitId, string itemId, DeadlineExceptionRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        if (await CampaignContext.FindManagedAsync(db, scope, campaignId, ct) is null)
            return ProblemResponses.NotFound("评价批次");
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");
        var validation = new Validation()
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。")
            .Required("reason", request.Reason, "调整原因", 500);
        var due = Instants.Parse(request.Due, "due", validation);
        if (due is null && string.IsNullOrWhiteSpace(request.Due))
            validation.Add("due", "请填写新的截止时间。");
        if (!validation.IsValid)
            return validation.Problem();

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await SubmissionContext.EnsureSubmissionAsync(db, context, scope, now.UtcDateTime, ct);
        // Only while the unit can still change the item: after submission a later item deadline would change nothing.
        SubmissionContext.EnsureEditable(context.Campaign, submission);
        ItemDeadlineException granted;
        try
        {
            granted = ItemDeadlineException.Grant(itemId, due!.Value, request.Reason, SubmissionContext.EditDeadline(context.Campaign, submission), now);
        }
        catch (Chengxin.Domain.DomainRuleException e)
        {
            // The deadline rules are about the given time: bad input for the due field, not a state conflict.
            validation.Add("due", $"{e.Message}（本单位当前截止时间 {BeijingTime.Local(SubmissionContext.EditDeadline(context.Campaign, submission).UtcDateTime):yyyy-MM-dd HH:mm:ss}）。");
            return validation.Problem();
        }

        var row = await db.SubmissionItems.FirstOrDefaultAsync(i => i.SubmissionId == submission.Id && i.ItemId == itemId, ct);
        if (row is null)
        {
            row = new SubmissionItem { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
            db.SubmissionItems.Add(row);
        }
        // Stored on the item's row, so the audit chain records it (submission-item) with who granted it and when.
        row.ExceptionDue = granted.Due.UtcDateTime;
        row.ExceptionReason = granted.Reason;
        row.ExceptionGrantedBy = scope.UserId;
        row.ExceptionGrantedByName = scope.ActorName;
        row.ExceptionGrantedAt = now.UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await SubmissionContext.ViewAsync(db, context with { Submission = submission }, ct);
    }

    /// <summary>The deadline an edit or upload for one item is measured against: the unit's, or the item's exception when later.</summary>
    internal static DateTimeOffset EditDeadline(Data.Campaign campaign, Submission submission, SubmissionItem? row) =>
        ItemDeadlineException.EditDeadline(SubmissionContext.EditDeadline(campaign, submission),
            row?.ExceptionDue is { } due ? BeijingTime.Utc(due) : null);

    /// <summary>
    /// Evidence (a file, link, screenshot or ledger rows) added after the item's deadline is taken and marked late on the item,
    /// as an edit of its facts is. Called inside the upload's transaction, before its save.
    /// </summary>
    internal static async Task MarkLateEvidenceAsync(ChengxinDbContext db, Data.Campaign campaign, Submission submission, string itemId, DateTime now,
        CancellationToken ct)
    {
        var row = await db.SubmissionItems.FirstOrDefaultAsync(i => i.SubmissionId == submission.Id && i.ItemId == itemId, ct);
        if (!Deadline.IsLate(EditDeadline(campaign, submission, row), BeijingTime.Utc(now)))
            return;
        if (row is null)
        {
            row = new SubmissionItem { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
            db.SubmissionItems.Add(row);
        }
        row.LateEditAt = now;
    }
}
