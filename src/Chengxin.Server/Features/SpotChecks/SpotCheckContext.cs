using System.Globalization;
using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.SpotChecks;

/// <summary>The facts of one item as the spot check found them (facts-file JSON form), with the reason.</summary>
public sealed record RecordSpotCheckItemRequest(Dictionary<string, JsonElement>? Facts, string? Reason);

public sealed record CompleteSpotCheckRequest(string? Summary);

public sealed record UnitSpotCheckItemView(string ItemId, JsonElement Facts, string Reason, string RecordedBy, DateTimeOffset RecordedAt,
    decimal ReviewedScore, decimal SpotCheckScore);

/// <summary>A unit's spot check: the total it would have from review alone beside the total from the spot check.</summary>
public sealed record UnitSpotCheckView(long Id, long CampaignId, long UnitId, SpotCheckState State, string StateName, string OpenedBy, DateTimeOffset OpenedAt,
    string? Summary, DateTimeOffset? CompletedAt, decimal ReviewedTotal, decimal SpotCheckTotal, IReadOnlyList<UnitSpotCheckItemView> Items);

public sealed record UnitSpotCheckStatusView(long CampaignId, long UnitId, bool Drawn, UnitSpotCheckView? SpotCheck);

/// <summary>
/// The deeper check of a unit the recorded draw picked, through the domain's UnitSpotCheck. The checker records facts
/// (never scores) item by item; once completed, the facts it found replace the reviewed ones for that unit in the results.
/// What its use cases share: the unit's submission context, the drawn units, the check as answered.
/// </summary>
internal static class SpotCheckContext
{
    internal static IReadOnlyCollection<string> Drawn(Data.Campaign c) =>
        string.IsNullOrEmpty(c.SpotCheckUnitIds) ? [] : c.SpotCheckUnitIds.Split(',');

    /// <summary>The unit's submission context, if the caller may check it: in scope, and a reviewer only on campaigns assigned to it.</summary>
    internal static async Task<SubmissionContext?> LoadAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, long campaignId, long unitId,
        CancellationToken ct)
    {
        return await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
    }

    internal static async Task<UnitSpotCheckView> MapAsync(ChengxinDbContext db, SubmissionContext context, SpotCheckRecord record, CancellationToken ct)
    {
        var items = await db.SpotCheckItems.AsNoTracking().Where(i => i.SpotCheckId == record.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), SpotCheckFindings.Recorded, ct, context.Campaign.PeriodKey);
        var reviewed = Scorer.Score(sheet.Facts(FactStage.Reviewed));
        var found = Scorer.Score(sheet.Facts(FactStage.SpotChecked));
        return new UnitSpotCheckView(record.Id, record.CampaignId, record.UnitId, record.State, UnitSpotCheck.StateName(record.State), record.OpenedByName,
            BeijingTime.Local(record.OpenedAt), record.Summary, record.CompletedAt is { } at ? BeijingTime.Local(at) : null,
            reviewed.Total, found.Total,
            items.Select(i => new UnitSpotCheckItemView(i.ItemId, JsonDocument.Parse(i.FactsJson).RootElement.Clone(), i.Reason, i.RecordedByName,
                BeijingTime.Local(i.RecordedAt), reviewed[i.ItemId].Score, found[i.ItemId].Score)).ToList());
    }
}
