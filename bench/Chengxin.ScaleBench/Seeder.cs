using System.Data.Common;
using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Campaign = Chengxin.Server.Data.Campaign;

namespace Chengxin.ScaleBench;

/// <summary>How big the province is.</summary>
internal sealed record Sizes(int Units, int Users, int CampaignUnits, int OtherCampaigns)
{
    public static Sizes Full => new(40_000, 20_000, 3_000, 11);

    public Sizes Scaled(decimal share) => new(
        Math.Max(500, (int)(Units * share)), Math.Max(100, (int)(Users * share)), Math.Max(100, (int)(CampaignUnits * share)), OtherCampaigns);
}

/// <summary>What the seeding made: whom to sign in as and what to ask for.</summary>
internal sealed record Seeded(long TenantId, long CampaignId, long ProvinceId, long CountyId, long TownId, int Items,
    string Admin, string CountyAdmin, string Liaison, string Reviewer);

/// <summary>
/// A province tenant written straight into a fresh database with the server's schema: the office, its scheme version and
/// campaigns through EF (they are few and the audit chain records them), then the bulk (units, users, campaign members,
/// submissions, their items, facts, evidence metadata and half the items confirmed) as binary COPY or one prepared insert.
/// </summary>
internal static class Seeder
{
    public const string Password = "Scale-bench-2026";
    private const string SchemeId = "jiaxian-towns-2022";

    public static async Task<Seeded> SeedAsync(IServiceProvider services, Sizes sizes)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        access.SetSystemActor("规模基准");
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Whole seconds, as the server's own stamps read back on both providers.
        var now = new DateTime(clock.Ticks - clock.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

        var office = new CreditOffice { Name = "基准省信用办", CreatedAt = now };
        db.CreditOffices.Add(office);
        await db.SaveChangesAsync();
        var province = new Unit { TenantId = office.Id, Code = "P", Name = "基准省", Level = UnitLevel.City, CreatedAt = now };
        db.Units.Add(province);
        await db.SaveChangesAsync();

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync();
        var bulk = new Bulk(connection);
        var units = Tree(office.Id, province, sizes.Units, await bulk.MaxIdAsync("Units") + 1, now);
        await bulk.WriteAsync("Units", ["Id", "TenantId", "ParentId", "Name", "Code", "Level", "Class", "IsActive", "CreatedAt", "Path"],
            units.Select(u => new object?[] { u.Id, u.TenantId, u.ParentId, u.Name, u.Code, u.Level.ToString(), u.Class, true, now, u.Path }));
        await bulk.ResetIdentityAsync("Units");

        var county = units.First(u => u.Level == UnitLevel.County);
        var members = units.Where(u => u.Level == UnitLevel.Town).Concat(units.Where(u => u.Level == UnitLevel.Department))
            .Take(sizes.CampaignUnits).ToList();
        // The county admin's subtree must hold campaign members, or its rows would measure an empty board.
        county = units.First(u => u.Id == members.First(m => m.Level == UnitLevel.Town).ParentId);
        var liaisonUnit = members.First(m => m.Path.StartsWith(county.Path, StringComparison.Ordinal));

        // Four accounts through the server's own user manager (a real password hash), the rest copying that hash.
        var admin = await UserAsync(userManager, "admin", "省信用办管理员", province, Roles.OfficeAdmin, ScopeKind.Subtree, now);
        await UserAsync(userManager, "county-admin", "县信用办管理员", county, Roles.OfficeAdmin, ScopeKind.Subtree, now);
        await UserAsync(userManager, "liaison", "联络员", liaisonUnit, Roles.Liaison, ScopeKind.OwnUnit, now);
        var reviewer = await UserAsync(userManager, "reviewer", "复核员", province, Roles.Reviewer, ScopeKind.Subtree, now);
        var hash = admin.PasswordHash;
        await bulk.WriteAsync("AspNetUsers",
            ["Id", "TenantId", "UnitId", "DisplayName", "Role", "ScopeKind", "ScopeUnitId", "IsActive", "CreatedAt", "UserName",
                "NormalizedUserName", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed",
                "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount"],
            Enumerable.Range(0, sizes.Users - 4).Select(i =>
            {
                var unit = units[i % units.Count];
                var name = $"user{i:D5}";
                return new object?[]
                {
                    Guid.NewGuid(), office.Id, unit.Id, $"用户{i:D5}", Roles.Liaison, nameof(ScopeKind.OwnUnit), null, true, now, name,
                    name.ToUpperInvariant(), false, hash, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString(), false, false, true, 0,
                };
            }));

        var version = await versions.FreezeAsync(db, SchemeId, office.Id, now, CancellationToken.None)
            ?? throw new InvalidOperationException($"the built-in scheme {SchemeId} is missing");
        await db.SaveChangesAsync();
        var scheme = versions.Compile(version).Scheme;

        // Earlier campaigns of the year fill the campaign list: as many members each, nothing entered.
        var campaigns = Enumerable.Range(0, sizes.OtherCampaigns + 1).Select(i => new Campaign
        {
            TenantId = office.Id, Name = i == 0 ? "基准省信用评价（本期）" : $"基准省信用评价（第{i}期）", SchemeVersionId = version.Id,
            PeriodKey = i == 0 ? "2026Q4" : $"{2020 + i / 4}Q{i % 4 + 1}",
            State = i == 0 ? CampaignState.Reviewing : CampaignState.Published, EvidenceDue = now.AddDays(-1 - 90 * i),
            ReviewDue = now.AddDays(14 - 90 * i), AppealWindowSeconds = 7 * 86400, CreatedAt = now,
        }).ToList();
        campaigns[0].Reviewers.Add(new CampaignReviewer { UserId = reviewer.Id });
        db.Campaigns.AddRange(campaigns);
        await db.SaveChangesAsync();
        var campaign = campaigns[0];
        var classes = scheme.Classes;
        string ClassOf(int i) => classes[i % classes.Count].Id;
        await bulk.WriteAsync("CampaignUnits", ["CampaignId", "UnitId", "SchemeClass"],
            campaigns.SelectMany(c => members.Select((m, i) => new object?[] { c.Id, m.Id, ClassOf(i) })));

        // Nine in ten units have submitted (one in ten of those late); half the items of a submitted unit are confirmed.
        var random = new Random(20261206);
        var submissionId = await bulk.MaxIdAsync("Submissions") + 1;
        var submissions = members.Select((m, i) => (Unit: m, Class: ClassOf(i), Id: submissionId + i,
            State: i % 10 == 9 ? SubmissionState.Draft : SubmissionState.Submitted, Late: i % 10 == 8)).ToList();
        await bulk.WriteAsync("Submissions",
            ["Id", "TenantId", "CampaignId", "UnitId", "State", "Due", "SubmittedAt", "IsLate", "LateBySeconds", "Round", "CreatedAt"],
            submissions.Select(s => new object?[]
            {
                s.Id, office.Id, campaign.Id, s.Unit.Id, s.State.ToString(), campaign.EvidenceDue,
                s.State == SubmissionState.Draft ? null : s.Late ? campaign.EvidenceDue.AddHours(5) : campaign.EvidenceDue.AddDays(-2),
                s.Late, s.Late ? 5L * 3600 : 0L, 1, now,
            }));
        await bulk.ResetIdentityAsync("Submissions");

        var answers = submissions.SelectMany(s => scheme.Items.Where(item => item.AppliesTo(s.Class)).Select(item => (Submission: s, Item: item))).ToList();
        await bulk.WriteAsync("SubmissionItems", ["TenantId", "SubmissionId", "UnitId", "ItemId", "FactsVersion"],
            answers.Select(a => new object?[] { office.Id, a.Submission.Id, a.Submission.Unit.Id, a.Item.Id, 1L }));
        await bulk.WriteAsync("SubmissionFacts",
            ["TenantId", "SubmissionId", "UnitId", "ItemId", "FactKey", "Source", "ValueJson", "EnteredByName", "EnteredRole", "EnteredAt", "ItemVersion"],
            answers.SelectMany(a => a.Item.Facts.Where(f => !SystemFacts.IsSystem(f.Supplier)).Select(f => new object?[]
            {
                office.Id, a.Submission.Id, a.Submission.Unit.Id, a.Item.Id, f.Key, "unit", JsonSerializer.Serialize(Value(f.Type, f.Columns, random)),
                "联络员", Roles.Liaison, now.AddDays(-5), 1L,
            })));
        // Evidence as metadata: every answer has one file; the bytes are one shared blob (size and hash as a real scan's).
        await bulk.WriteAsync("Evidence",
            ["TenantId", "SubmissionId", "UnitId", "ItemId", "FileName", "ContentType", "Size", "Sha256", "UploadedByName", "UploadedAt", "Kind"],
            answers.Select(a => new object?[]
            {
                office.Id, a.Submission.Id, a.Submission.Unit.Id, a.Item.Id, $"{a.Item.Id}-佐证.pdf", "application/pdf", 184_320L,
                "5f1c0a4e8e1d2b3c4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b", "联络员", now.AddDays(-5), "file",
            }));
        await bulk.WriteAsync("ItemReviews",
            ["TenantId", "SubmissionId", "UnitId", "ItemId", "State", "ReviewerId", "ReviewerName", "FactsVersionSeen", "Version", "ReviewedAt", "IsLate"],
            answers.Where((a, i) => a.Submission.State != SubmissionState.Draft && i % 2 == 0).Select(a => new object?[]
            {
                office.Id, a.Submission.Id, a.Submission.Unit.Id, a.Item.Id, nameof(ItemReviewState.Confirmed), reviewer.Id, "复核员", 1L, 1L,
                now.AddHours(-3), false,
            }));
        await bulk.AnalyzeAsync();
        var town = units.First(u => u.Level == UnitLevel.Town);
        return new Seeded(office.Id, campaign.Id, province.Id, county.Id, town.Id, scheme.Items.Count(),
            "admin", "county-admin", "liaison", "reviewer");
    }

    /// <summary>
    /// A province in the proportions of a real one: 14 cities, about 120 counties and 1,300 towns, thirty departments per city
    /// and county, and villages and communities under the towns for the rest. Ids and paths are given here, as the server would.
    /// </summary>
    private static List<Unit> Tree(long tenant, Unit province, int total, long firstId, DateTime now)
    {
        var units = new List<Unit>(total);
        var next = firstId;
        Unit Add(Unit parent, UnitLevel level, string name, string? unitClass)
        {
            var id = next++;
            var unit = new Unit
            {
                Id = id, TenantId = tenant, ParentId = parent.Id, Name = name, Code = $"P{id}", Level = level, Class = unitClass, CreatedAt = now,
                Path = UnitPathOf(parent.Path, id),
            };
            units.Add(unit);
            return unit;
        }
        var share = total / 40_000m;
        var counties = Math.Max(2, (int)(120 * share));
        var towns = Math.Max(4, (int)(1_300 * share));
        var departmentsEach = Math.Max(2, (int)(30 * Math.Min(1m, share * 4)));
        var cities = Enumerable.Range(1, 14).Select(i => Add(province, UnitLevel.City, $"第{i}市", null)).ToList();
        var countyList = Enumerable.Range(1, counties).Select(i => Add(cities[i % cities.Count], UnitLevel.County, $"第{i}县", null)).ToList();
        var townList = Enumerable.Range(1, towns).Select(i => Add(countyList[i % countyList.Count], UnitLevel.Town, $"第{i}镇", "乡镇")).ToList();
        foreach (var parent in cities.Concat(countyList))
            for (var d = 1; d <= departmentsEach && units.Count < total - 1; d++)
                Add(parent, UnitLevel.Department, $"{parent.Name}第{d}局", "部门");
        for (var v = 0; units.Count < total - 1; v++)
            Add(townList[v % townList.Count], UnitLevel.Village, $"第{v + 1}村", null);
        return units;
    }

    private static string UnitPathOf(string parentPath, long id) => $"{parentPath}{id}/";

    private static async Task<AppUser> UserAsync(UserManager<AppUser> users, string userName, string displayName, Unit unit, string role,
        ScopeKind scope, DateTime now)
    {
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, TenantId = unit.TenantId, UnitId = unit.Id, Role = role, ScopeKind = scope,
            ScopeUnitId = scope == ScopeKind.Subtree ? unit.Id : null, CreatedAt = now,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    private static object Value(FactType type, IReadOnlyList<FactColumn> columns, Random random) => type switch
    {
        FactType.Bool => random.Next(4) > 0,
        FactType.Count => random.Next(0, 4),
        FactType.Number => random.Next(0, 200) / 2m,
        FactType.Percent => random.Next(0, 101),
        FactType.Date => "2026-02-15",
        FactType.Text => "情况属实",
        FactType.Judgement => new { points = random.Next(0, 3), reason = "评审给分" },
        FactType.Ledger => Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => columns.ToDictionary(c => c.Key, c => Value(c.Type, [], random))).ToList(),
        _ => throw new InvalidOperationException($"no value for {type}"),
    };
}
