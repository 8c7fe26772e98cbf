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

using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.SpotChecks;

public static class RecordSpotCheckItem
{
    public static async Task<IResult> Handle(long campaignId, long unitId, string itemId, RecordSpotCheckItemRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await SpotCheckContext.LoadAsync(db, versions, scope, campaignId, unitId, ct);
        var record = context is null ? null : await db.SpotChecks.FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        if (context is null || record is null)
            return ProblemResponses.NotFound("抽查");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");
        var facts = request.Facts ?? [];
        var validation = new Validation()
            .Required("reason", request.Reason, "抽查依据", 2000)
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。")
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
        return TypedResults.Ok(await SpotCheckContext.MapAsync(db, context, record, ct));
    }
}
