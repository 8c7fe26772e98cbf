using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Demo;

public sealed record DemoAccount(string UserName, string Role, string DisplayName, string UnitName);

/// <summary>
/// An invented demo tenant: the city of 云川市 with its counties, towns, streets, communities
/// and departments in the seeds' unit classes, and a user for every role. Every name here is
/// made up; none comes from the seed documents.
/// </summary>
public sealed class DemoSeeder(ChengxinDbContext db, UserManager<AppUser> users, AccessScope scope, TimeProvider clock, SchemeVersions schemes)
{
    public const string OfficeName = "云川市信用办";
    public const string Password = "chengxin-demo-2026";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", Roles.OfficeAdmin, "张晓明", "云川市"),
        // A second city admin: publication needs one admin to request and another to approve.
        new("admin2", Roles.OfficeAdmin, "吴刚", "云川市"),
        new("qingshi-admin", Roles.OfficeAdmin, "李华", "青石县"),
        new("liaison", Roles.Liaison, "王芳", "石门镇"),
        new("finance-liaison", Roles.Liaison, "孙丽", "云川市财政局"),
        new("court", Roles.DataProvider, "赵磊", "云川市中级人民法院"),
        new("reviewer", Roles.Reviewer, "陈静", "云川市"),
        new("firm", Roles.Reviewer, "刘洋", "明衡评估咨询公司"),
        new("leader", Roles.Leader, "周敏", "云川市"),
        // The towns scheme names 县信用办 as the supplier of reports on time (provider:县信用办), so the demo has its grid.
        new("credit-provider", Roles.DataProvider, "吴强", "县信用办"),
    ];

    // (code, name, parent code, level, class)
    private static readonly (string Code, string Name, string? Parent, UnitLevel Level, string? Class)[] Tree =
    [
        ("YC", "云川市", null, UnitLevel.City, null),
        ("YC-QS", "青石县", "YC", UnitLevel.County, "县区政府"),
        ("YC-BH", "白河县", "YC", UnitLevel.County, "县区政府"),
        ("YC-LJ", "临江区", "YC", UnitLevel.County, "县区政府"),
        ("YC-QS-SM", "石门镇", "YC-QS", UnitLevel.Town, "乡镇"),
        ("YC-QS-LX", "柳溪乡", "YC-QS", UnitLevel.Town, "乡镇"),
        ("YC-QS-DC", "东城街道", "YC-QS", UnitLevel.Town, "街道"),
        ("YC-QS-SM-01", "石门村", "YC-QS-SM", UnitLevel.Village, null),
        ("YC-QS-DC-01", "东城社区", "YC-QS-DC", UnitLevel.Village, "社区"),
        ("YC-QS-DC-02", "望湖社区", "YC-QS-DC", UnitLevel.Village, "社区"),
        ("YC-BH-HK", "河口镇", "YC-BH", UnitLevel.Town, "乡镇"),
        ("YC-BH-XS", "西山街道", "YC-BH", UnitLevel.Town, "街道"),
        ("YC-BH-XS-01", "西山社区", "YC-BH-XS", UnitLevel.Village, "社区"),
        ("YC-LJ-JB", "江北街道", "YC-LJ", UnitLevel.Town, "街道"),
        ("YC-LJ-JN", "江南街道", "YC-LJ", UnitLevel.Town, "街道"),
        ("YC-D-CZ", "云川市财政局", "YC", UnitLevel.Department, "A类部门"),
        ("YC-D-SF", "云川市司法局", "YC", UnitLevel.Department, "A类部门"),
        ("YC-D-FY", "云川市中级人民法院", "YC", UnitLevel.Department, null),
        ("YC-D-WL", "云川市文化广电和旅游局", "YC", UnitLevel.Department, "B类部门"),
        ("YC-D-FIRM", "明衡评估咨询公司", "YC", UnitLevel.Department, null),
        ("YC-QS-D-FG", "青石县发展和改革局", "YC-QS", UnitLevel.Department, "县直单位"),
        ("YC-QS-D-SW", "青石县市场监督管理局", "YC-QS", UnitLevel.Department, "县直单位"),
        ("YC-QS-D-XY", "县信用办", "YC-QS", UnitLevel.Department, null),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.CreditOffices.IgnoreQueryFilters().AnyAsync(o => o.Name == OfficeName, ct))
            return;
        scope.SetSystemActor("演示数据");
        var now = clock.GetUtcNow().UtcDateTime;
        var office = new CreditOffice { Name = OfficeName, CreatedAt = now };
        db.CreditOffices.Add(office);
        await db.SaveChangesAsync(ct);

        var units = new Dictionary<string, Unit>();
        foreach (var (code, name, parent, level, unitClass) in Tree)
        {
            var unit = new Unit
            {
                TenantId = office.Id, Code = code, Name = name, Level = level, Class = unitClass,
                ParentId = parent is null ? null : units[parent].Id, CreatedAt = now,
            };
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            units[code] = unit;
        }
        var byName = units.Values.ToDictionary(u => u.Name);

        var created = new Dictionary<string, AppUser>();
        foreach (var account in Accounts)
        {
            var user = new AppUser
            {
                UserName = account.UserName, DisplayName = account.DisplayName, TenantId = office.Id,
                UnitId = byName[account.UnitName].Id, Role = account.Role, CreatedAt = now,
                ScopeKind = account.UserName switch
                {
                    "firm" => ScopeKind.Campaigns,
                    _ when account.Role == Roles.Liaison => ScopeKind.OwnUnit,
                    _ => ScopeKind.Subtree,
                },
                // The court supplies facts about every unit of the city, not only about itself.
                // 县信用办 sees the county, so the campaign of its towns shows in its list.
                ScopeUnitId = account.UserName == "court" ? units["YC"].Id : account.UserName == "credit-provider" ? units["YC-QS"].Id : null,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            created[account.UserName] = user;
        }

        // The external firm evaluates the towns and streets of 青石县 in one campaign, and sees only those.
        // It runs on the built-in towns scheme (seed 004), frozen like any campaign an office opens.
        const string schemeId = "jiaxian-towns-2022";
        var version = await schemes.FreezeAsync(db, schemeId, office.Id, now, ct)
            ?? throw new InvalidOperationException($"演示数据需要内置指标体系 {schemeId}。");
        await db.SaveChangesAsync(ct);
        var scheme = schemes.Compile(version).Scheme;
        var campaign = new Campaign
        {
            TenantId = office.Id, Name = "2026年第一季度乡镇（街道）政务诚信评价", SchemeVersionId = version.Id, PeriodKey = "2026Q1",
            State = Domain.Campaigns.CampaignState.Open, EvidenceDue = now.AddDays(30), AppealWindowSeconds = 7 * 86400,
            SelfAssessmentRequired = true, CreatedAt = now,
        };
        campaign.Units.AddRange(new[] { "YC-QS-SM", "YC-QS-LX", "YC-QS-DC" }.Select(c => new CampaignUnit
        {
            UnitId = units[c].Id,
            SchemeClass = scheme.Classes.First(k => k.Name == Tree.Single(t => t.Code == c).Class).Id,
        }));
        campaign.Reviewers.Add(new CampaignReviewer { UserId = created["firm"].Id });
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        // The published quarters are scored by the engine under the city admin's scope, as an office would see them.
        scope.SetUser(created["admin"].Id, "演示数据", Roles.OfficeAdmin, office.Id, units["YC"].Id, VisibleUnits.Subtree(units["YC"].Path));
        await DemoPublishedCampaigns.SeedAsync(db, scope, schemes, version, units, created, clock.GetUtcNow(), ct);
        await DemoBulletins.SeedAsync(db, scope, schemes, office.Id, units, created, clock.GetUtcNow(), ct);
        await DemoNotifications.SeedAsync(db, created, campaign, now, ct);
        await DemoSurveys.SeedAsync(db, schemes, office.Id, units, created["admin"].Id, clock.GetUtcNow(), ct);
        await DemoMonitoring.SeedAsync(db, office.Id, units, created["admin"], now, ct);
        await DemoFollowUp.SeedAsync(db, scope, units, clock.GetUtcNow(), ct);
    }
}
