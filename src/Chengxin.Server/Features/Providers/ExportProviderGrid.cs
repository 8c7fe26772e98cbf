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
        var header = ProviderGrid.FixedHeader.Concat(view.Columns.Select(c => c.Header)).ToList();
        var codes = grid.Units.ToDictionary(u => u.Id, u => u.Code);
        var rows = view.Rows.Select(r => (IReadOnlyList<string?>)new List<string?> { r.UnitName, codes[r.UnitId] }
            .Concat(r.Cells.Select(c => c.Applicable ? ProviderCells.Text(view.Columns.First(col => col.FactKey == c.FactKey).Type, c.Value) : ProviderCells.NotApplicable))
            .ToList());
        return TypedResults.File(Xlsx.Write("数据来源", header, rows), Xlsx.ContentType,
            ProviderGrid.FileNamePart($"数据来源表-{grid.Provider.Name}-{grid.Campaign.Name}") + ".xlsx");
    }
}
