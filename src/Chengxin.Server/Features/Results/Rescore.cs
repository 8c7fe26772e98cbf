using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Results;

/// <summary>What a re-score did: how many units' results were computed again, and when (Beijing time).</summary>
public sealed record RescoreReceipt(long CampaignId, int UnitCount, DateTimeOffset ComputedAt);

/// <summary>
/// The office recomputes every stored result of a campaign on demand (after a scheme fix, or to rule the stored rows out when
/// a figure is questioned). Results are a function of the facts, so this changes no figure that was up to date; it is audited
/// all the same, because it rewrites what everyone reads.
/// </summary>
public static class Rescore
{
    public const string Action = "campaign.results-rescored";

    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        // The office manages the campaign and sees all its units; a voided campaign is refused (409) before anything is written.
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await StoredResults.RecomputeAsync(db, versions, now.UtcDateTime, campaign, only: null, ct);
        await CampaignContext.RecordAsync(db, scope, campaign, Action, new { unitCount = campaign.Units.Count }, now.UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new RescoreReceipt(id, campaign.Units.Count, now.ToOffset(BeijingTime.Offset)));
    }
}
