using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using DomainAppeal = Chengxin.Domain.Campaigns.Appeal;

namespace Chengxin.Server.Features.Results;

public sealed record FileAppealRequest(string? ItemId, string? Grounds);

public sealed record DecideAppealRequest(string? Text);

public sealed record AppealView(long Id, long CampaignId, long UnitId, string? ItemId, string Grounds, DateTimeOffset FiledAt, AppealState State,
    string? Decision, DateTimeOffset? DecidedAt);

/// <summary>An appeal in the office's list, with the unit's name.</summary>
public sealed record CampaignAppealView(long Id, long UnitId, string UnitName, string? ItemId, string Grounds, DateTimeOffset FiledAt, AppealState State,
    string? Decision, DateTimeOffset? DecidedAt);

/// <summary>
/// Appeals after publication, through the domain's Appeal: filed by the unit within the window, upheld (the campaign
/// returns to review; the published version stays on record and the next publication supersedes it) or rejected with a reason.
/// </summary>
public static class ManageAppeals
{
    public static async Task<IResult> List(long campaignId, long unitId, ChengxinDbContext db, CancellationToken ct)
    {
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct) || !await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct))
            return ProblemResponses.NotFound("报送");
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.CampaignId == campaignId && a.UnitId == unitId).OrderBy(a => a.Id).ToListAsync(ct);
        return TypedResults.Ok(appeals.Select(Map).ToList());
    }

    /// <summary>Every appeal of the campaign that the caller's unit scope reaches, oldest first.</summary>
    public static async Task<IResult> ListForCampaign(long campaignId, ChengxinDbContext db, CancellationToken ct)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct))
            return ProblemResponses.NotFound("评价批次");
        return TypedResults.Ok(await ResultQueries.AppealsAsync(db, campaignId, ct));
    }


    public static async Task<IResult> File(long campaignId, long unitId, FileAppealRequest request, ChengxinDbContext db, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        var campaign = unit is null ? null : await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || campaign.Units.All(u => u.UnitId != unitId))
            return ProblemResponses.NotFound("报送");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var validation = new Validation().Required("grounds", request.Grounds, "申诉理由", 4000).Optional("itemId", request.ItemId, "指标", 100);
        if (!validation.IsValid)
            return validation.Problem();
        var now = clock.GetUtcNow();
        // The domain decides: published, within the window (at its last instant still open), with grounds.
        var appeal = DomainAppeal.File(campaign.Restore(version), unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.IsNullOrWhiteSpace(request.ItemId) ? null : request.ItemId.Trim(), request.Grounds!.Trim(), now);
        var record = new AppealRecord
        {
            TenantId = campaign.TenantId, CampaignId = campaignId, UnitId = unitId, ItemId = appeal.ItemId, Grounds = appeal.Grounds,
            FiledAt = now.UtcDateTime, FiledBy = scope.UserId, State = appeal.State,
        };
        db.Appeals.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaignId}/units/{unitId}/appeals", Map(record));
    }

    public static Task<IResult> Uphold(long campaignId, long appealId, DecideAppealRequest request, ChengxinDbContext db, AccessScope scope,
        TimeProvider clock, CancellationToken ct) => DecideAsync(campaignId, appealId, request, upheld: true, db, scope, clock, ct);

    public static Task<IResult> Reject(long campaignId, long appealId, DecideAppealRequest request, ChengxinDbContext db, AccessScope scope,
        TimeProvider clock, CancellationToken ct) => DecideAsync(campaignId, appealId, request, upheld: false, db, scope, clock, ct);

    private static async Task<IResult> DecideAsync(long campaignId, long appealId, DecideAppealRequest request, bool upheld, ChengxinDbContext db,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await CampaignContext.FindManagedAsync(db, scope, campaignId, ct);
        var record = campaign is null ? null : await db.Appeals.FirstOrDefaultAsync(a => a.Id == appealId && a.CampaignId == campaignId, ct);
        if (campaign is null || record is null)
            return ProblemResponses.NotFound("申诉");
        // Decided against the appeal as filed, even when another appeal has reopened the campaign since.
        var domain = record.Restore();
        if (upheld)
            domain.Uphold(request.Text ?? "");
        else
            domain.Reject(request.Text ?? "");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        record.Store(domain);
        record.DecidedBy = scope.UserId;
        record.DecidedAt = clock.GetUtcNow().UtcDateTime;
        if (upheld && campaign.State == CampaignState.Published)
        {
            // An upheld appeal reopens review; the published snapshot stays as it was, and the next approval adds a version.
            var reopened = campaign.Restore(await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct));
            reopened.ReopenForAppeal();
            campaign.Store(reopened);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(Map(record));
    }

    private static AppealView Map(AppealRecord a) =>
        new(a.Id, a.CampaignId, a.UnitId, a.ItemId, a.Grounds, BeijingTime.Local(a.FiledAt), a.State, a.Decision,
            a.DecidedAt is { } d ? BeijingTime.Local(d) : null);
}
