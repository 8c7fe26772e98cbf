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

public static class ImportProviderGrid
{
    /// <summary>
    /// Imports the exported workbook back: columns by their header (the field as the grid names it), rows by 单位编码, or by
    /// 单位名称 where the code is blank and the name is unique in the campaign. Every good cell is saved and each bad one is
    /// listed with its row, column, unit, field and reason; with <c>allOrNothing</c> one bad cell refuses the whole file and
    /// nothing is written. An empty cell clears the value; 「（不适用）」 cells are skipped. A header that is not the
    /// template's refuses the file either way: its columns cannot be trusted.
    /// </summary>
    public static async Task<IResult> Handle(long id, HttpRequest http, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct, bool? allOrNothing = null)
    {
        var grid = await ProviderGrid.LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        var validation = new Validation();
        var table = await Xlsx.ReadAsync(http, header => header.Count >= 2 && header[0] == ProviderGrid.FixedHeader[0] && header[1] == ProviderGrid.FixedHeader[1]
            ? null
            : $"第 1 行应为表头，前两列为「{ProviderGrid.FixedHeader[0]}」「{ProviderGrid.FixedHeader[1]}」，请使用导出的模板。", ct);
        var header = table[0];
        var columns = new Dictionary<int, (Item Item, FactDefinition Fact)>();
        for (var c = ProviderGrid.FixedHeader.Count; c < header.Count; c++)
        {
            if (string.IsNullOrWhiteSpace(header[c]))
                continue;
            var text = header[c].Trim();
            var match = grid.Facts.Where(f => ProviderGrid.HeaderOf(grid, f.Item, f.Fact) == text).ToList();
            if (match.Count == 0)
                validation.Add("file", $"第 1 行第 {c + 1} 列「{header[c]}」不是本部门填报的数据项，请使用导出的模板。");
            else
                columns[c] = match[0];
        }
        if (!validation.IsValid)
            return validation.Problem();
        var writes = new List<(long UnitId, string Key, string? Json)>();
        var rejected = new List<ProviderCellRejection>();
        void Refuse(ProviderCellRejection rejection)
        {
            rejected.Add(rejection);
            validation.Add("file", rejection.Message);
        }
        for (var r = 1; r < table.Count; r++)
        {
            var row = table[r];
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var (unit, unitReason) = UnitOfRow(grid, row);
            if (unit is null)
            {
                Refuse(new ProviderCellRejection(null, r + 1, 1, null, row.Count > 0 ? row[0] : null, null, null, unitReason!,
                    $"第 {r + 1} 行：{unitReason}"));
                continue;
            }
            foreach (var (c, (_, fact)) in columns)
            {
                var text = c < row.Count ? row[c] : "";
                if (text == ProviderCells.NotApplicable)
                    continue;
                var (json, reason) = ProviderCells.ToJson(fact.Type, text);
                reason ??= ProviderGrid.Check(grid, unit.Id, fact.Key, json);
                if (reason is not null)
                {
                    var rejection = ProviderGrid.Reject(grid, unit.Id, fact.Key, reason);
                    Refuse(rejection with { Row = r + 1, Column = c + 1, Message = $"第 {r + 1} 行第 {c + 1} 列：{rejection.Message}" });
                }
                else
                    writes.Add((unit.Id, fact.Key, json));
            }
        }
        if (allOrNothing == true && !validation.IsValid)
            return validation.Problem();
        if (writes.Count > 0)
            await ProviderGrid.WriteAsync(db, grid, scope, clock, writes, ct);
        return TypedResults.Ok(new ProviderGridSaved(await ProviderGrid.MapAsync(db, grid, ct), writes.Count, rejected));
    }

    /// <summary>The campaign's unit a workbook row names: by its code when given, else by a name no other unit of the campaign has.</summary>
    private static (Unit? Unit, string? Reason) UnitOfRow(ProviderGrid.Grid grid, IReadOnlyList<string> row)
    {
        var name = row.Count > 0 ? row[0].Trim() : "";
        var code = row.Count > 1 ? row[1].Trim() : "";
        if (code.Length > 0)
        {
            var byCode = grid.Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.Ordinal));
            return byCode is not null ? (byCode, null) : (null, $"单位编码「{code}」不是本批次参评单位的编码。");
        }
        var byName = grid.Units.Where(u => u.Name == name).ToList();
        return byName.Count switch
        {
            1 => (byName[0], null),
            0 => (null, name.Length == 0 ? "请填写单位名称。" : $"「{name}」不是本批次的参评单位。"),
            _ => (null, $"本批次有 {byName.Count} 个名为「{name}」的单位，请填写单位编码以区分。"),
        };
    }
}
