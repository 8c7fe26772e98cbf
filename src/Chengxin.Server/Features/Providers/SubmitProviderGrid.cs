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

public static class SubmitProviderGrid
{
    /// <summary>The provider submits its grid: stamped by the server against the campaign's evidence deadline; late is recorded, never refused.</summary>
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var grid = await ProviderGrid.LoadAsync(db, versions, scope, id, ct);
        if (grid is null)
            return ProblemResponses.NotFound("评价批次");
        if (grid.Facts.Count == 0)
            throw new DomainRuleException($"本批次的指标体系中没有由「{grid.Provider.Name}」提供的事实，无需提交。");
        ProviderGrid.EnsureCollecting(grid.Campaign);
        var view = await ProviderGrid.MapAsync(db, grid, ct);
        var missing = view.Rows.SelectMany(r => r.Cells.Where(c => c.Applicable && c.Value is null)
            .Select(c => $"{r.UnitName}「{view.Columns.First(col => col.FactKey == c.FactKey).Label}」")).ToList();
        if (missing.Count > 0)
            throw new DomainRuleException($"还有 {missing.Count} 项未填写，不能提交：{string.Join("；", missing.Take(10))}{(missing.Count > 10 ? " 等" : "")}。"
                + "没有的情况请如实填写（如 0 或“否”）。");
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
        return TypedResults.Ok(await ProviderGrid.MapAsync(db, grid, ct));
    }
}
