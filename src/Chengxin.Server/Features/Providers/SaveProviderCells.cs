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

public static class SaveProviderCells
{
    public static async Task<IResult> Handle(long id, ProviderCellsRequest request, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var grid = await ProviderGrid.LoadAsync(db, versions, scope, id, ct);
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
        var rejected = new List<ProviderCellRejection>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var json = cell.Value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } v ? v.GetRawText() : null;
            if (ProviderGrid.Check(grid, cell.UnitId, cell.FactKey, json) is { } reason)
            {
                var rejection = ProviderGrid.Reject(grid, cell.UnitId, cell.FactKey, reason) with { Index = i };
                rejected.Add(rejection);
                validation.Add($"cells[{i}]", rejection.Message);
            }
            else
                writes.Add((cell.UnitId, cell.FactKey!, json));
        }
        if (validation.Has("cells") || (request.AllOrNothing && !validation.IsValid))
            return validation.Problem();
        if (writes.Count > 0)
            await ProviderGrid.WriteAsync(db, grid, scope, clock, writes, ct);
        return TypedResults.Ok(new ProviderGridSaved(await ProviderGrid.MapAsync(db, grid, ct), writes.Count, rejected));
    }
}
