using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Providers;

/// <summary>One fact the provider supplies: a column of its grid.</summary>
public sealed record ProviderGridColumn(string ItemId, string? ItemNo, string ItemTitle, string FactKey, string Label, FactType Type, string Header);

/// <summary>One cell: the unit's value of the fact as the provider entered it; not applicable where the item does not apply to the unit's class.</summary>
public sealed record ProviderGridCell(string FactKey, bool Applicable, JsonElement? Value, string? EnteredBy, DateTimeOffset? EnteredAt);

public sealed record ProviderGridRow(long UnitId, string UnitName, string SchemeClass, IReadOnlyList<ProviderGridCell> Cells);

public sealed record ProviderGridView(long CampaignId, string CampaignName, string PeriodLabel, long ProviderUnitId, string ProviderName,
    DateTimeOffset Due, DateTimeOffset? SubmittedAt, bool IsLate, long LateBySeconds, int Round,
    IReadOnlyList<ProviderGridColumn> Columns, IReadOnlyList<ProviderGridRow> Rows);

/// <summary>One cell to write; a null value clears the provider's value.</summary>
public sealed record ProviderCellRequest(long UnitId, string? FactKey, JsonElement? Value);

/// <summary>Cells to write. By default every good cell is saved and the bad ones are listed; with all-or-nothing one bad cell refuses them all.</summary>
public sealed record ProviderCellsRequest(List<ProviderCellRequest>? Cells, bool AllOrNothing = false);

/// <summary>
/// A cell that was not saved: where it was (the request's index, or the workbook's row and column, both from 1), whose unit
/// and which field, the reason, and the whole sentence naming the unit and the field.
/// </summary>
public sealed record ProviderCellRejection(int? Index, int? Row, int? Column, long? UnitId, string? UnitName, string? FactKey, string? Label,
    string Reason, string Message);

/// <summary>What a save or an import did: the grid after it, how many cells were taken, and each cell that was not.</summary>
public sealed record ProviderGridSaved(ProviderGridView Grid, int Accepted, IReadOnlyList<ProviderCellRejection> Rejected);

/// <summary>
/// The data provider's grid: the facts its department supplies (the scheme's provider:&lt;name&gt; declarations,
/// matched to the caller's own unit name, see <see cref="Suppliers"/>) across every unit of the campaign.
/// The provider's access scope usually covers only its own unit, so this area reads the campaign's units and their
/// submissions past the unit scope filter, and in return shows and writes nothing but the provider's own facts:
/// never another supplier's values, scores, evidence or explanations. Values are stored as submission facts with
/// source "provider" and the provider as who entered them, so they flow into each unit's score with that provenance.
/// What its use cases share: the grid loaded for the caller, the check of a cell, the write and the view.
/// </summary>
public static class ProviderGrid
{
    internal sealed record Grid(Data.Campaign Campaign, Unit Provider, CompiledScheme Scheme, IReadOnlyList<(Item Item, FactDefinition Fact)> Facts,
        IReadOnlyList<Unit> Units, IReadOnlyDictionary<long, string> Classes);

    /// <summary>A workbook's first columns: units by name, and by code where the office gave them one (names may repeat across a tree).</summary>
    public static readonly IReadOnlyList<string> FixedHeader = [FactsWorkbook.NameHeader, FactsWorkbook.CodeHeader];

    /// <summary>
    /// The grid of the caller's own department. The campaign is looked up inside the office past the unit scope, and is
    /// found when the department supplies facts in it, or when it is visible to the caller anyway (then the grid is empty).
    /// </summary>
    internal static async Task<Grid?> LoadAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, long id, CancellationToken ct)
    {
        if (scope.UnitId is not { } providerUnitId)
            return null;
        var provider = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().FirstOrDefaultAsync(u => u.Id == providerUnitId, ct);
        var campaign = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().Include(c => c.Units)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (provider is null || campaign is null)
            return null;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var facts = Suppliers.FactsOf(scheme.Scheme, provider.Name);
        if (facts.Count == 0 && !await db.Campaigns.AnyAsync(c => c.Id == id, ct))
            return null;
        var unitIds = campaign.Units.Select(u => u.UnitId).ToList();
        var units = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
        return new Grid(campaign, provider, scheme, facts, units, campaign.Units.ToDictionary(u => u.UnitId, u => u.SchemeClass));
    }

    /// <summary>
    /// Why a cell cannot take this value, or null: the unit and fact must be the grid's, and the value must fit the fact's
    /// type (said in the clerk's words) and pass the engine's own reader.
    /// </summary>
    internal static string? Check(Grid grid, long unitId, string? factKey, string? json)
    {
        var unit = grid.Units.FirstOrDefault(u => u.Id == unitId);
        if (unit is null)
            return "该单位不是本批次的参评单位。";
        var fact = grid.Facts.FirstOrDefault(f => f.Fact.Key == factKey);
        if (fact.Fact is null)
        {
            var other = grid.Scheme.Scheme.Items.SelectMany(i => i.Facts).FirstOrDefault(f => f.Key == factKey);
            return other is null ? "本部门的数据表中没有这一项。"
                : $"这一项由{Suppliers.Describe(other.Supplier)}提供，不是「{grid.Provider.Name}」填报的数据。";
        }
        if (!fact.Item.AppliesToUnit(grid.Classes[unitId], unit.Id, unit.Name))
            return $"指标「{fact.Item.Title}」不适用于该单位。";
        if (json is null)
            return null;
        try
        {
            using var value = JsonDocument.Parse(json);
            if (ProviderCells.Reason(fact.Fact.Type, value.RootElement) is { } reason)
                return reason;
            FactsFile.ReadFact(grid.Scheme, unit.Name, fact.Fact.Key, value.RootElement);
            return null;
        }
        catch (Exception e) when (e is FactsFileException or DomainRuleException or JsonException)
        {
            return $"内容不符合要求，应{ProviderCells.Expected(fact.Fact.Type)}。";
        }
    }

    /// <summary>A refused cell, its sentence naming the unit and the field as the grid shows them.</summary>
    internal static ProviderCellRejection Reject(Grid grid, long unitId, string? factKey, string reason)
    {
        var unit = grid.Units.FirstOrDefault(u => u.Id == unitId);
        var label = grid.Facts.FirstOrDefault(f => f.Fact.Key == factKey).Fact?.Label
            ?? grid.Scheme.Scheme.Items.SelectMany(i => i.Facts).FirstOrDefault(f => f.Key == factKey)?.Label;
        var where = (unit, label) switch
        {
            ({ } u, { } l) => $"「{u.Name}」的「{l}」",
            ({ } u, null) => $"「{u.Name}」",
            (null, { } l) => $"「{l}」",
            _ => "该单元格",
        };
        return new ProviderCellRejection(null, null, null, unitId, unit?.Name, factKey, label, reason, $"{where}：{reason}");
    }

    internal static async Task WriteAsync(ChengxinDbContext db, Grid grid, AccessScope scope, TimeProvider clock,
        List<(long UnitId, string Key, string? Json)> writes, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var campaignId = grid.Campaign.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The evaluated units are outside a provider's scope by design; every read here names the campaign and the provider's facts.
        var submissions = await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(s => s.CampaignId == campaignId).ToDictionaryAsync(s => s.UnitId, ct);
        // As for the unit itself: values are taken while the campaign collects, and during review for a unit whose
        // submission was returned for supplement (the item returned may be one the provider supplies).
        if (grid.Campaign.State != CampaignState.Open)
        {
            var closed = writes.Select(w => w.UnitId).Distinct()
                .Where(u => !submissions.TryGetValue(u, out var s) || s.State != SubmissionState.Returned).ToList();
            if (closed.Count > 0)
                EnsureCollecting(grid.Campaign);
        }
        foreach (var unitId in writes.Select(w => w.UnitId).Distinct().Where(u => !submissions.ContainsKey(u)))
        {
            var created = new Data.Submission
            {
                TenantId = grid.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId, State = SubmissionState.Draft,
                Due = grid.Campaign.EvidenceDue, CreatedAt = now,
            };
            db.Submissions.Add(created);
            submissions[unitId] = created;
        }
        await db.SaveChangesAsync(ct);
        var submissionIds = submissions.Values.Select(s => s.Id).ToList();
        var keys = grid.Facts.Select(f => f.Fact.Key).ToList();
        var stored = await db.SubmissionFacts.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(f => submissionIds.Contains(f.SubmissionId) && f.Source == FactSource.Provider.Name && keys.Contains(f.FactKey)).ToListAsync(ct);
        var items = await db.SubmissionItems.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(i => submissionIds.Contains(i.SubmissionId)).ToListAsync(ct);
        foreach (var (unitId, key, json) in writes)
        {
            var submission = submissions[unitId];
            var current = stored.FirstOrDefault(f => f.SubmissionId == submission.Id && f.FactKey == key);
            if (current?.ValueJson == json)
                continue;
            var itemId = grid.Facts.First(f => f.Fact.Key == key).Item.Id;
            var item = items.FirstOrDefault(i => i.SubmissionId == submission.Id && i.ItemId == itemId);
            if (item is null)
            {
                item = new SubmissionItem { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = unitId, ItemId = itemId };
                db.SubmissionItems.Add(item);
                items.Add(item);
            }
            // A provider's change is a change of the item's facts: a review that saw the older version goes stale.
            item.FactsVersion++;
            if (json is null)
            {
                if (current is not null)
                {
                    db.SubmissionFacts.Remove(current);
                    stored.Remove(current);
                }
                continue;
            }
            if (current is null)
            {
                current = new SubmissionFact
                {
                    TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = unitId, ItemId = itemId, FactKey = key,
                    Source = FactSource.Provider.Name, ValueJson = json, EnteredByName = "", EnteredRole = "",
                };
                db.SubmissionFacts.Add(current);
                stored.Add(current);
            }
            current.ValueJson = json;
            current.EnteredBy = scope.UserId;
            current.EnteredByName = $"{grid.Provider.Name}：{scope.ActorName}";
            current.EnteredRole = scope.Role ?? "";
            current.EnteredAt = now;
            current.ItemVersion = item.FactsVersion;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    internal static void EnsureCollecting(Data.Campaign campaign) => Chengxin.Domain.Campaigns.Campaign.EnsureCollecting(campaign.State);

    internal static async Task<ProviderGridView> MapAsync(ChengxinDbContext db, Grid grid, CancellationToken ct)
    {
        var campaignId = grid.Campaign.Id;
        var keys = grid.Facts.Select(f => f.Fact.Key).ToList();
        var submissionIds = await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(s => s.CampaignId == campaignId).Select(s => s.Id).ToListAsync(ct);
        var values = await db.SubmissionFacts.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(f => submissionIds.Contains(f.SubmissionId) && f.Source == FactSource.Provider.Name && keys.Contains(f.FactKey)).ToListAsync(ct);
        var submitted = await db.ProviderSubmissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .FirstOrDefaultAsync(p => p.CampaignId == campaignId && p.ProviderUnitId == grid.Provider.Id, ct);
        var columns = grid.Facts.Select(f => new ProviderGridColumn(f.Item.Id, f.Item.No, f.Item.Title, f.Fact.Key, f.Fact.Label, f.Fact.Type,
            HeaderOf(grid, f.Item, f.Fact))).ToList();
        var rows = grid.Units.Select(u => new ProviderGridRow(u.Id, u.Name, grid.Classes[u.Id], grid.Facts.Select(f =>
        {
            var value = values.FirstOrDefault(v => v.UnitId == u.Id && v.FactKey == f.Fact.Key);
            return new ProviderGridCell(f.Fact.Key, f.Item.AppliesToUnit(grid.Classes[u.Id], u.Id, u.Name),
                value is null ? null : JsonDocument.Parse(value.ValueJson).RootElement.Clone(), value?.EnteredByName,
                value is null ? null : BeijingTime.Local(value.EnteredAt));
        }).ToList())).ToList();
        return new ProviderGridView(campaignId, grid.Campaign.Name, Period.ParseKey(grid.Campaign.PeriodKey).Label, grid.Provider.Id, grid.Provider.Name,
            BeijingTime.Local(grid.Campaign.EvidenceDue), submitted is null ? null : BeijingTime.Local(submitted.SubmittedAt),
            submitted?.IsLate ?? false, submitted?.LateBySeconds ?? 0, submitted?.Round ?? 0, columns, rows);
    }

    /// <summary>A file name in the office's words; the characters Windows forbids in names (a campaign may be named 2026/Q1) become _.</summary>
    internal static string FileNamePart(string name) =>
        string.Concat(name.Select(c => c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c));

    /// <summary>
    /// A column's header as the grid and the workbook show it: the fact's label, which the seeds write as a whole question;
    /// the item's title goes before it only where two of the department's facts share a label.
    /// </summary>
    internal static string HeaderOf(Grid grid, Item item, FactDefinition fact) =>
        grid.Facts.Count(f => f.Fact.Label == fact.Label) > 1 ? $"{item.Title}：{fact.Label}" : fact.Label;
}
