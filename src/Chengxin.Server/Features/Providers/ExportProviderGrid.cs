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

public static class ExportProviderGrid
{
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var grid = await ProviderGrid.LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        var view = await ProviderGrid.MapAsync(db, grid, ct);
        // The one facts workbook (Chengxin.Sheets): the grid's headers as the clerk sees them, and a hidden sheet of their keys.
        IReadOnlyList<FactsWorkbook.Column> columns = [.. FactsWorkbook.UnitColumns(withClass: false), .. view.Columns.Select(c => new FactsWorkbook.Column(c.Header, c.FactKey))];
        var codes = grid.Units.ToDictionary(u => u.Id, u => u.Code);
        var rows = view.Rows.Select(r => (IReadOnlyList<string?>)new List<string?> { r.UnitName, codes[r.UnitId] }
            .Concat(r.Cells.Select(c => c.Applicable ? ProviderCells.Text(view.Columns.First(col => col.FactKey == c.FactKey).Type, c.Value) : ProviderCells.NotApplicable))
            .ToList());
        return Xlsx.Stream(FactsWorkbook.Sheets("数据来源", columns, rows),
            ProviderGrid.FileNamePart($"数据来源表-{grid.Provider.Name}-{grid.Campaign.Name}") + ".xlsx", ct);
    }
}
