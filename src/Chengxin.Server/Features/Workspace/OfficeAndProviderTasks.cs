using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// 我的待办 beyond units and reviewers (issue 11): a data provider's grid while collection runs, and for the office the appeals
/// waiting for a decision and whatever still stands between a campaign and its next step (see <see cref="Readiness"/>).
/// </summary>
public static class OfficeAndProviderTasks
{
    public const string Grid = "grid";
    public const string Appeal = "appeal";
    public const string Blocked = "blocked";

    /// <summary>Each collecting campaign whose scheme asks the caller's department for facts and that it has not submitted.</summary>
    public static async Task<List<WorkspaceTask>> ProviderAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, DateTimeOffset now,
        CancellationToken ct)
    {
        if (scope.UnitId is not { } providerUnitId)
            return [];
        // The department supplies facts about units outside its own scope: the office (tenant) bounds the campaigns, as the grid does.
        var provider = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().FirstOrDefaultAsync(u => u.Id == providerUnitId, ct);
        if (provider is null)
            return [];
        var campaigns = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().Include(c => c.Units)
            .Where(c => c.State == CampaignState.Open).OrderBy(c => c.Id).ToListAsync(ct);
        var submitted = (await db.ProviderSubmissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(p => p.ProviderUnitId == providerUnitId).Select(p => p.CampaignId).ToListAsync(ct)).ToHashSet();
        var tasks = new List<WorkspaceTask>();
        foreach (var campaign in campaigns.Where(c => !submitted.Contains(c.Id)))
        {
            var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
            var facts = Suppliers.FactsOf(versions.Compile(version).Scheme, provider.Name);
            if (facts.Count == 0)
                continue;
            var due = BeijingTime.Local(campaign.EvidenceDue);
            tasks.Add(new WorkspaceTask(Grid, "待填数据", campaign.Id, campaign.Name, provider.Id, provider.Name, due, now > due, facts.Count,
                $"请为 {campaign.Units.Count} 个参评单位填写本部门提供的 {facts.Count} 项数据，填完后提交", []));
        }
        return tasks;
    }

    /// <summary>
    /// For each campaign the admin manages: appeals filed and not decided, and what is open before its next step. A collecting
    /// campaign counts only once its deadline has passed: before it, units still reporting are no one's task.
    /// </summary>
    public static async Task<List<WorkspaceTask>> OfficeAsync(ChengxinDbContext db, SchemeVersions versions, DateTimeOffset now, CancellationToken ct)
    {
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Units)
            .Where(c => c.State != CampaignState.Draft).OrderBy(c => c.Id).ToListAsync(ct);
        var tasks = new List<WorkspaceTask>();
        foreach (var campaign in campaigns)
        {
            if (!await db.SeesAllUnitsAsync(campaign.Units.Select(u => u.UnitId).ToList(), ct))
                continue;
            var appeals = await db.Appeals.AsNoTracking().CountAsync(a => a.CampaignId == campaign.Id && a.State == AppealState.Filed, ct);
            if (appeals > 0)
                tasks.Add(new WorkspaceTask(Appeal, "待处理申诉", campaign.Id, campaign.Name, null, null, null, false, appeals,
                    $"{appeals} 项申诉待处理（支持或驳回，须说明理由）", []));
            if (campaign.State == CampaignState.Published || campaign.State == CampaignState.Open && now <= BeijingTime.Utc(campaign.EvidenceDue))
                continue;
            var readiness = await Readiness.BuildAsync(db, versions, campaign, now, ct);
            if (readiness.Ready)
                continue;
            tasks.Add(new WorkspaceTask(Blocked, "待办结事项", campaign.Id, campaign.Name, null, null, null, false, readiness.Open.Sum(o => o.Count),
                $"{readiness.StepName}前还有：{string.Join("；", readiness.Open.Select(o => $"{o.Title} {o.Count}"))}",
                readiness.Open.Select(o => new TaskItemView(o.Kind, null, o.Title, string.Join("、", o.Names.Take(5)) + (o.Names.Count > 5 ? " 等" : ""))).ToList()));
        }
        return tasks;
    }
}
