using System.Globalization;
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

public sealed record ProviderCellsRequest(List<ProviderCellRequest>? Cells);

/// <summary>
/// The data provider's grid: the facts its department supplies (the scheme's provider:&lt;name&gt; declarations,
/// matched to the caller's own unit name, see <see cref="Suppliers"/>) across every unit of the campaign.
/// The provider's access scope usually covers only its own unit, so this area reads the campaign's units and their
/// submissions past the unit scope filter, and in return shows and writes nothing but the provider's own facts:
/// never another supplier's values, scores, evidence or explanations. Values are stored as submission facts with
/// source "provider" and the provider as who entered them, so they flow into each unit's score with that provenance.
/// </summary>
public static class ManageProviderGrid
{
    private sealed record Grid(Data.Campaign Campaign, Unit Provider, CompiledScheme Scheme, IReadOnlyList<(Item Item, FactDefinition Fact)> Facts,
        IReadOnlyList<Unit> Units, IReadOnlyDictionary<long, string> Classes);

    private static readonly string[] FixedHeader = ["单位ID", "单位名称"];

    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var grid = await LoadAsync(db, versions, scope, id, ct);
        return grid is null ? ProblemResponses.NotFound("评价批次") : TypedResults.Ok(await MapAsync(db, grid, ct));
    }

    public static async Task<IResult> SaveCells(long id, ProviderCellsRequest request, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var grid = await LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        var validation = new Validation();
        var cells = request.Cells ?? [];
        validation.Check(cells.Count > 0, "cells", "请至少填写一个单元格。");
        // A bound on one request's work and on its list of refusals; a whole province's grid travels as a workbook.
        if (cells.Count > XlsxReader.MaxRows)
        {
            validation.Add("cells", $"一次最多保存 {XlsxReader.MaxRows} 个单元格，请分批保存或导入工作簿。");
            return validation.Problem();
        }
        var writes = new List<(long UnitId, string Key, string? Json)>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var json = cell.Value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } v ? v.GetRawText() : null;
            if (Check(grid, cell.UnitId, cell.FactKey, json) is { } error)
                validation.Add($"cells[{i}]", error);
            else
                writes.Add((cell.UnitId, cell.FactKey!, json));
        }
        if (!validation.IsValid)
            return validation.Problem();
        await WriteAsync(db, grid, scope, clock, writes, ct);
        return TypedResults.Ok(await MapAsync(db, grid, ct));
    }

    public static async Task<IResult> Export(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var grid = await LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        var view = await MapAsync(db, grid, ct);
        var header = FixedHeader.Concat(view.Columns.Select(c => c.Header)).ToList();
        var rows = view.Rows.Select(r => (IReadOnlyList<string?>)new List<string?> { r.UnitId.ToString(CultureInfo.InvariantCulture), r.UnitName }
            .Concat(r.Cells.Select(c => c.Applicable ? CellText(view.Columns.First(col => col.FactKey == c.FactKey).Type, c.Value) : "（不适用）")).ToList());
        return TypedResults.File(Xlsx.Write("数据来源", header, rows), Xlsx.ContentType, $"数据来源-{grid.Provider.Name}-{id}.xlsx");
    }

    /// <summary>
    /// Imports the exported workbook back: columns by their header (the fact key in brackets), rows by 单位ID. Every
    /// cell is checked first; one bad cell refuses the whole file with its row, column and reason, and nothing is written.
    /// An empty cell clears the value; 「（不适用）」 cells are skipped.
    /// </summary>
    public static async Task<IResult> Import(long id, HttpRequest http, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var grid = await LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        var validation = new Validation();
        var table = await Xlsx.ReadAsync(http, header => header.Count >= 2 && header[0] == FixedHeader[0]
            ? null
            : $"第 1 行应为表头，首列为「{FixedHeader[0]}」，请使用导出的模板。", ct);
        var header = table[0];
        var columns = new Dictionary<int, string>();
        for (var c = 2; c < header.Count; c++)
        {
            if (string.IsNullOrWhiteSpace(header[c]))
                continue;
            var key = KeyOf(header[c]);
            if (key is null || grid.Facts.All(f => f.Fact.Key != key))
                validation.Add("file", $"第 1 行第 {c + 1} 列「{header[c]}」不是本部门提供的事实。");
            else
                columns[c] = key;
        }
        var writes = new List<(long UnitId, string Key, string? Json)>();
        for (var r = 1; r < table.Count; r++)
        {
            var row = table[r];
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var place = $"第 {r + 1} 行";
            if (row.Count == 0 || !long.TryParse(row[0], NumberStyles.None, CultureInfo.InvariantCulture, out var unitId) || grid.Units.All(u => u.Id != unitId))
            {
                validation.Add("file", $"{place}第 1 列：单位ID「{(row.Count > 0 ? row[0] : "")}」不是本批次的参评单位。");
                continue;
            }
            foreach (var (c, key) in columns)
            {
                var text = c < row.Count ? row[c] : "";
                if (text == NotApplicable)
                    continue;
                var type = grid.Facts.First(f => f.Fact.Key == key).Fact.Type;
                var (json, reason) = ToJson(type, text);
                reason ??= Check(grid, unitId, key, json);
                if (reason is not null)
                    validation.Add("file", $"{place}第 {c + 1} 列（{header[c]}）：{reason}");
                else
                    writes.Add((unitId, key, json));
            }
        }
        if (!validation.IsValid)
            return validation.Problem();
        await WriteAsync(db, grid, scope, clock, writes, ct);
        return TypedResults.Ok(await MapAsync(db, grid, ct));
    }

    /// <summary>The provider submits its grid: stamped by the server against the campaign's evidence deadline; late is recorded, never refused.</summary>
    public static async Task<IResult> Submit(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var grid = await LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        if (grid.Facts.Count == 0)
            throw new DomainRuleException($"本批次的指标体系中没有由「{grid.Provider.Name}」提供的事实，无需提交。");
        EnsureCollecting(grid.Campaign);
        var now = clock.GetUtcNow();
        var lateness = Deadline.Of(BeijingTime.Utc(grid.Campaign.EvidenceDue), now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.ProviderSubmissions.FirstOrDefaultAsync(p => p.CampaignId == id && p.ProviderUnitId == grid.Provider.Id, ct);
        if (row is null)
        {
            row = new ProviderSubmission { TenantId = grid.Campaign.TenantId, CampaignId = id, ProviderUnitId = grid.Provider.Id, ProviderName = grid.Provider.Name, SubmittedByName = "" };
            db.ProviderSubmissions.Add(row);
        }
        row.SubmittedAt = now.UtcDateTime;
        row.SubmittedBy = scope.UserId;
        row.SubmittedByName = scope.ActorName;
        row.IsLate = lateness.IsLate;
        row.LateBySeconds = lateness.LateBySeconds;
        row.Round++;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await MapAsync(db, grid, ct));
    }

    private const string NotApplicable = "（不适用）";

    /// <summary>
    /// The grid of the caller's own department. The campaign is looked up inside the office past the unit scope, and is
    /// found when the department supplies facts in it, or when it is visible to the caller anyway (then the grid is empty).
    /// </summary>
    private static async Task<Grid?> LoadAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, long id, CancellationToken ct)
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

    /// <summary>Why a cell cannot take this value, or null: the unit and fact must be the grid's, and the value must pass the engine's own reader.</summary>
    private static string? Check(Grid grid, long unitId, string? factKey, string? json)
    {
        var unit = grid.Units.FirstOrDefault(u => u.Id == unitId);
        if (unit is null)
            return $"单位 {unitId} 不是本批次的参评单位。";
        var fact = grid.Facts.FirstOrDefault(f => f.Fact.Key == factKey);
        if (fact.Fact is null)
        {
            var other = grid.Scheme.Scheme.Items.SelectMany(i => i.Facts).FirstOrDefault(f => f.Key == factKey);
            return other is null ? $"没有事实「{factKey}」。"
                : $"事实「{other.Label}」（{other.Key}）由{Suppliers.Describe(other.Supplier)}提供，不是「{grid.Provider.Name}」的事实。";
        }
        if (!fact.Item.AppliesTo(grid.Classes[unitId]))
            return $"指标「{fact.Item.Title}」不适用于「{unit.Name}」。";
        if (json is null)
            return null;
        try
        {
            using var value = JsonDocument.Parse(json);
            FactsFile.ReadFact(grid.Scheme, unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fact.Fact.Key, value.RootElement);
            return null;
        }
        catch (Exception e) when (e is FactsFileException or DomainRuleException or JsonException)
        {
            return e.Message;
        }
    }

    private static async Task WriteAsync(ChengxinDbContext db, Grid grid, AccessScope scope, TimeProvider clock,
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
            .Where(f => submissionIds.Contains(f.SubmissionId) && f.Source == ManageSubmissions.ProviderSource && keys.Contains(f.FactKey)).ToListAsync(ct);
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
                    Source = ManageSubmissions.ProviderSource, ValueJson = json, EnteredByName = "", EnteredRole = "",
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

    private static void EnsureCollecting(Data.Campaign campaign)
    {
        if (campaign.State != CampaignState.Open)
            throw new DomainRuleException($"评价批次当前{Chengxin.Domain.Campaigns.Campaign.Name(campaign.State)}，不在收集阶段，不能填报或提交数据。");
    }

    private static async Task<ProviderGridView> MapAsync(ChengxinDbContext db, Grid grid, CancellationToken ct)
    {
        var campaignId = grid.Campaign.Id;
        var keys = grid.Facts.Select(f => f.Fact.Key).ToList();
        var submissionIds = await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(s => s.CampaignId == campaignId).Select(s => s.Id).ToListAsync(ct);
        var values = await db.SubmissionFacts.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(f => submissionIds.Contains(f.SubmissionId) && f.Source == ManageSubmissions.ProviderSource && keys.Contains(f.FactKey)).ToListAsync(ct);
        var submitted = await db.ProviderSubmissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .FirstOrDefaultAsync(p => p.CampaignId == campaignId && p.ProviderUnitId == grid.Provider.Id, ct);
        var columns = grid.Facts.Select(f => new ProviderGridColumn(f.Item.Id, f.Item.No, f.Item.Title, f.Fact.Key, f.Fact.Label, f.Fact.Type,
            $"{f.Fact.Label}（{f.Fact.Key}）")).ToList();
        var rows = grid.Units.Select(u => new ProviderGridRow(u.Id, u.Name, grid.Classes[u.Id], grid.Facts.Select(f =>
        {
            var value = values.FirstOrDefault(v => v.UnitId == u.Id && v.FactKey == f.Fact.Key);
            return new ProviderGridCell(f.Fact.Key, f.Item.AppliesTo(grid.Classes[u.Id]),
                value is null ? null : JsonDocument.Parse(value.ValueJson).RootElement.Clone(), value?.EnteredByName,
                value is null ? null : BeijingTime.Local(value.EnteredAt));
        }).ToList())).ToList();
        return new ProviderGridView(campaignId, grid.Campaign.Name, Period.ParseKey(grid.Campaign.PeriodKey).Label, grid.Provider.Id, grid.Provider.Name,
            BeijingTime.Local(grid.Campaign.EvidenceDue), submitted is null ? null : BeijingTime.Local(submitted.SubmittedAt),
            submitted?.IsLate ?? false, submitted?.LateBySeconds ?? 0, submitted?.Round ?? 0, columns, rows);
    }

    /// <summary>The fact key in a header 「标签（key）」.</summary>
    private static string? KeyOf(string header)
    {
        var open = header.LastIndexOf('（');
        return open >= 0 && header.EndsWith('）') ? header[(open + 1)..^1].Trim() : null;
    }

    private static string CellText(FactType type, JsonElement? value)
    {
        if (value is not { } v)
            return "";
        return type switch
        {
            FactType.Bool when v.ValueKind is JsonValueKind.True or JsonValueKind.False => v.GetBoolean() ? "是" : "否",
            FactType.Date or FactType.Text when v.ValueKind == JsonValueKind.String => v.GetString()!,
            FactType.Count or FactType.Number or FactType.Percent when v.ValueKind == JsonValueKind.Number => v.GetRawText(),
            // Ledgers and judgements keep their facts-file JSON in the cell, so they come back unchanged.
            _ => v.GetRawText(),
        };
    }

    /// <summary>A cell's text as facts-file JSON, or why it cannot be read; an empty cell clears the value.</summary>
    private static (string? Json, string? Reason) ToJson(FactType type, string text)
    {
        text = text.Trim();
        if (text.Length == 0)
            return (null, null);
        switch (type)
        {
            case FactType.Bool:
                return text switch
                {
                    "是" or "true" or "TRUE" or "1" => ("true", null),
                    "否" or "false" or "FALSE" or "0" => ("false", null),
                    _ => (null, $"「{text}」不是“是”或“否”。"),
                };
            case FactType.Count or FactType.Number or FactType.Percent:
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? (number.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"「{text}」不是数值。");
            case FactType.Date or FactType.Text:
                return (JsonSerializer.Serialize(text), null);
            default:
                try
                {
                    using var parsed = JsonDocument.Parse(text);
                    return (parsed.RootElement.GetRawText(), null);
                }
                catch (JsonException)
                {
                    return (null, "台账或评分单元格应为导出时的 JSON 内容。");
                }
        }
    }
}
