using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using Campaign = Chengxin.Server.Data.Campaign;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>A campaign's units and reviewers as a request chooses them (opening and editing a campaign).</summary>
internal static class CampaignMembers
{
    /// <summary>
    /// The most units one campaign takes by id: a province's towns fit, and it stays below SQLite's 32,766 parameters per statement.
    /// Larger campaigns choose a subtree and unit classes instead.
    /// </summary>
    public const int MaxUnits = 20_000;

    /// <summary>The cap of the short lists of a campaign request (classes, class map, reviewers).</summary>
    public const int MaxListed = 500;

    internal sealed record SelectedUnit(Unit Unit, string SchemeClass);

    internal static async Task<IReadOnlyList<SelectedUnit>> SelectUnitsAsync(ChengxinDbContext db, OpenCampaignRequest request, Scheme scheme,
        Validation validation, CancellationToken ct)
    {
        // The caller's own scope is the pool: a unit outside it is "not found", as everywhere else.
        List<Unit> chosen;
        if (request.UnitIds is { Count: > 0 } ids)
        {
            var distinct = ids.Distinct().ToList();
            chosen = await db.Units.AsNoTracking().Where(u => distinct.Contains(u.Id)).ToListAsync(ct);
            // Counted, not listed: a unit the caller cannot see has no name to show, and its number means nothing to a user.
            if (distinct.Except(chosen.Select(u => u.Id)).Count() is > 0 and var missing)
                validation.Add("unitIds", $"所选的单位中有 {missing} 个不存在或不在您的权限范围内，请重新选择。");
        }
        else if (request.SubtreeUnitId is { } rootId)
        {
            var all = await db.Units.AsNoTracking().Where(u => u.IsActive).ToListAsync(ct);
            if (all.All(u => u.Id != rootId))
            {
                validation.Add("subtreeUnitId", "所选的上级单位不存在或不在您的权限范围内。");
                return [];
            }
            var children = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
            var subtree = new List<Unit>();
            var queue = new Queue<Unit>([all.Single(u => u.Id == rootId)]);
            while (queue.TryDequeue(out var unit))
            {
                subtree.Add(unit);
                foreach (var child in children[unit.Id])
                    queue.Enqueue(child);
            }
            // Without a class filter, the subtree's units of the scheme's classes take part; the rest of the tree does not.
            chosen = request.UnitClasses is { Count: > 0 } classes
                ? subtree.Where(u => u.Class is not null && classes.Contains(u.Class)).ToList()
                : subtree.Where(u => u.Class is not null && SchemeClassOf(u.Class, request.ClassMap, scheme) is not null).ToList();
            if (chosen.Count == 0)
                validation.Add("unitClasses", "所选范围内没有符合条件的参评单位。");
        }
        else
        {
            return [];
        }

        var result = new List<SelectedUnit>();
        foreach (var unit in chosen.OrderBy(u => u.Id))
        {
            if (unit.Class is null)
            {
                validation.Add("unitIds", $"单位「{unit.Name}」没有单位类别，不能参评。");
                continue;
            }
            if (request.ClassMap is { } map && map.TryGetValue(unit.Class, out var mapped) && scheme.Classes.All(c => c.Id != mapped))
            {
                validation.Add("classMap", $"类别对应关系中的「{mapped}」不是指标体系的类别（可用：{ClassList(scheme)}）。");
                continue;
            }
            if (SchemeClassOf(unit.Class, request.ClassMap, scheme) is not { } schemeClass)
            {
                validation.Add("classMap", $"单位「{unit.Name}」的类别「{unit.Class}」不是指标体系的类别（可用：{ClassList(scheme)}），请在 classMap 中指定对应关系。");
                continue;
            }
            result.Add(new SelectedUnit(unit, schemeClass));
        }
        return result;
    }

    /// <summary>The scheme class a server class maps to: the explicit map first, then the scheme's class id or name.</summary>
    private static string? SchemeClassOf(string unitClass, Dictionary<string, string>? map, Scheme scheme)
    {
        if (map is not null && map.TryGetValue(unitClass, out var mapped))
            return scheme.Classes.Any(c => c.Id == mapped) ? mapped : null;
        // A scheme without classes applies every item to every unit; the engine then needs some class, so the unit's own serves.
        if (scheme.Classes.Count == 0)
            return unitClass;
        return scheme.Classes.FirstOrDefault(c => c.Id == unitClass || c.Name == unitClass)?.Id;
    }

    private static string ClassList(Scheme scheme) => string.Join("、", scheme.Classes.Select(c => $"{c.Id} {c.Name}"));

    internal static async Task<IReadOnlyList<Guid>> SelectReviewersAsync(ChengxinDbContext db, List<Guid> ids, Validation validation, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
            return [];
        // Reviewers, an external firm above all, sit outside the admin's unit subtree: the office (tenant filter) is the bound here.
        var users = await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => distinct.Contains(u.Id)).Select(u => new { u.Id, u.Role, u.IsActive, u.DisplayName }).ToListAsync(ct);
        if (distinct.Count(id => users.All(u => u.Id != id)) is > 0 and var unknown)
            validation.Add("reviewerIds", $"所选的评审员中有 {unknown} 个不存在。");
        foreach (var id in distinct)
        {
            var user = users.FirstOrDefault(u => u.Id == id);
            if (user is null)
                continue;
            if (user.Role != Roles.Reviewer || !user.IsActive)
                validation.Add("reviewerIds", $"用户「{user.DisplayName}」不是在用的评审员账号。");
        }
        return distinct;
    }
}
