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
    /// campaign counts only once its deadline has passed: before it, units still reporting are no one's task. A province's
    /// office has thousands of members in each campaign (issue 19): which campaigns it manages and how many appeals wait are
    /// one grouped query each, and the readiness of the few campaigns before a step is counted (<see cref="ReadinessCounts"/>).
    /// </summary>
    public static async Task<List<WorkspaceTask>> OfficeAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, DateTimeOffset now,
        CancellationToken ct)
    {
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Draft).OrderBy(c => c.Id).ToListAsync(ct);
        if (campaigns.Count == 0)
            return [];
        var managed = await ManagedAsync(db, scope, campaigns.Select(c => c.Id).ToList(), ct);
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.State == AppealState.Filed).GroupBy(a => a.CampaignId)
            .Select(g => new { CampaignId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.CampaignId, g => g.Count, ct);
        var tasks = new List<WorkspaceTask>();
        foreach (var campaign in campaigns.Where(c => managed.Contains(c.Id)))
        {
            if (appeals.GetValueOrDefault(campaign.Id) is var filed and > 0)
                tasks.Add(new WorkspaceTask(Appeal, "待处理申诉", campaign.Id, campaign.Name, null, null, null, false, filed,
                    $"{filed} 项申诉待处理（支持或驳回，须说明理由）", []));
            if (campaign.State == CampaignState.Published || campaign.State == CampaignState.Open && now <= BeijingTime.Utc(campaign.EvidenceDue))
                continue;
            var readiness = await ReadinessCounts.CountAsync(db, versions, campaign, now, ct);
            if (readiness.Ready)
                continue;
            tasks.Add(new WorkspaceTask(Blocked, "待办结事项", campaign.Id, campaign.Name, null, null, null, false, readiness.Open.Sum(o => o.Count),
                $"{readiness.StepName}前还有：{string.Join("；", readiness.Open.Select(o => $"{o.Title} {o.Count}"))}",
                readiness.Open.Select(o => new TaskItemView(o.Kind, null, o.Title, string.Join("、", o.Names.Take(5)) + (o.Names.Count > 5 ? " 等" : ""))).ToList()));
        }
        return tasks;
    }

    /// <summary>
    /// Of these campaigns, those whose every member is in the caller's scope (the office manages the whole campaign, as
    /// <see cref="CampaignContext.FindManagedAsync"/> decides for one). A scope that takes in every top of the office's tree takes
    /// in every unit, so every campaign: one range of the parent index decides it. Else one query asks, per campaign, for a
    /// member the scope filter does not see.
    /// </summary>
    internal static async Task<HashSet<long>> ManagedAsync(ChengxinDbContext db, AccessScope scope, List<long> campaignIds, CancellationToken ct)
    {
        if (scope.Units.PathPattern is [.., '%'] pattern && !scope.Units.ByCampaigns && scope.CampaignIds is null
            && !await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AnyAsync(u => u.ParentId == null && !EF.Functions.Like(u.Path, pattern), ct))
            return campaignIds.ToHashSet();
        return (await db.Campaigns.AsNoTracking()
            .Where(c => campaignIds.Contains(c.Id) && !db.CampaignUnits.Any(cu => cu.CampaignId == c.Id && !db.Units.Any(u => u.Id == cu.UnitId)))
            .Select(c => c.Id).ToListAsync(ct)).ToHashSet();
    }
}
