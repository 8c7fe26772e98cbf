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
/// </summary>
public static class ManageSpotChecks
{
    public static async Task<IResult> Get(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var record = await db.SpotChecks.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        return TypedResults.Ok(new UnitSpotCheckStatusView(campaignId, unitId, Drawn(context.Campaign).Contains(unitId.ToString(CultureInfo.InvariantCulture)),
            record is null ? null : await MapAsync(db, context, record, ct)));
    }

    public static async Task<IResult> Open(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, scope, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var openedBefore = await db.SpotChecks.AnyAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == context.Campaign.SchemeVersionId, ct);
        var domain = UnitSpotCheck.Open(context.Campaign.Restore(version), Drawn(context.Campaign), unitId.ToString(CultureInfo.InvariantCulture),
            openedBefore);
        var record = new SpotCheckRecord
        {
            TenantId = context.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId, State = domain.State, OpenedBy = scope.UserId,
            OpenedByName = scope.ActorName, OpenedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.SpotChecks.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaignId}/units/{unitId}/spot-check", await MapAsync(db, context, record, ct));
    }

    public static async Task<IResult> RecordItem(long campaignId, long unitId, string itemId, RecordSpotCheckItemRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, scope, campaignId, unitId, ct);
        var record = context is null ? null : await db.SpotChecks.FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        if (context is null || record is null)
            return ProblemResponses.NotFound("抽查");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");
        var facts = request.Facts ?? [];
        var validation = new Validation()
            .Required("reason", request.Reason, "抽查依据", 2000)
            .Check(item.AppliesTo(context.SchemeClass), "itemId", $"指标「{item.Title}」不适用于本单位的类别。")
            .Check(facts.Count > 0, "facts", "请填写抽查核实的事实。");
        SubmissionContext.CheckFacts(validation, context, item, facts, "不能在抽查中填写");
        if (facts.Values.Any(v => v.ValueKind == JsonValueKind.Null))
            validation.Add("facts", "抽查核实的事实不能为空值。");
        if (!validation.IsValid)
            return validation.Problem();

        var items = await db.SpotCheckItems.Where(i => i.SpotCheckId == record.Id).ToListAsync(ct);
        var domain = record.Restore(items);
        domain.Record(itemId, request.Reason!);
        var row = items.FirstOrDefault(i => i.ItemId == itemId);
        var json = JsonSerializer.Serialize(facts);
        if (row is null)
        {
            row = new SpotCheckItemRecord
            {
                TenantId = record.TenantId, SpotCheckId = record.Id, UnitId = unitId, ItemId = itemId, FactsJson = json, Reason = "", RecordedByName = "",
            };
            db.SpotCheckItems.Add(row);
        }
        row.FactsJson = json;
        row.Reason = domain.Items[itemId];
        row.RecordedBy = scope.UserId;
        row.RecordedByName = scope.ActorName;
        row.RecordedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await MapAsync(db, context, record, ct));
    }

    public static async Task<IResult> Complete(long campaignId, long unitId, CompleteSpotCheckRequest request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, scope, campaignId, unitId, ct);
        var record = context is null ? null : await db.SpotChecks.FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        if (context is null || record is null)
            return ProblemResponses.NotFound("抽查");
        var validation = new Validation().Required("summary", request.Summary, "抽查结论", 2000);
        if (!validation.IsValid)
            return validation.Problem();
        var items = await db.SpotCheckItems.AsNoTracking().Where(i => i.SpotCheckId == record.Id).ToListAsync(ct);
        var domain = record.Restore(items);
        domain.Complete(request.Summary!, context.Campaign.State);
        record.Store(domain);
        record.CompletedBy = scope.UserId;
        record.CompletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await MapAsync(db, context, record, ct));
    }

    private static IReadOnlyCollection<string> Drawn(Data.Campaign c) =>
        string.IsNullOrEmpty(c.SpotCheckUnitIds) ? [] : c.SpotCheckUnitIds.Split(',');

    /// <summary>The unit's submission context, if the caller may check it: in scope, and a reviewer only on campaigns assigned to it.</summary>
    private static async Task<SubmissionContext?> LoadAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, long campaignId, long unitId,
        CancellationToken ct)
    {
        return await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
    }

    private static async Task<UnitSpotCheckView> MapAsync(ChengxinDbContext db, SubmissionContext context, SpotCheckRecord record, CancellationToken ct)
    {
        var items = await db.SpotCheckItems.AsNoTracking().Where(i => i.SpotCheckId == record.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), SpotCheckFindings.Recorded, ct);
        var reviewed = Scorer.Score(sheet.Facts(FactStage.Reviewed));
        var found = Scorer.Score(sheet.Facts(FactStage.SpotChecked));
        return new UnitSpotCheckView(record.Id, record.CampaignId, record.UnitId, record.State, UnitSpotCheck.StateName(record.State), record.OpenedByName,
            BeijingTime.Local(record.OpenedAt), record.Summary, record.CompletedAt is { } at ? BeijingTime.Local(at) : null,
            reviewed.Total, found.Total,
            items.Select(i => new UnitSpotCheckItemView(i.ItemId, JsonDocument.Parse(i.FactsJson).RootElement.Clone(), i.Reason, i.RecordedByName,
                BeijingTime.Local(i.RecordedAt), reviewed[i.ItemId].Score, found[i.ItemId].Score)).ToList());
    }
}
