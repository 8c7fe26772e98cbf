using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Infrastructure;

/// <summary>
/// Two credit offices with small unit trees and a user for every role. Every unit, office and
/// target user carries a marker such as <c>#A-C1#</c> in its name, so a test can tell from a
/// response body alone whether anything from outside the caller's scope leaked into it.
/// </summary>
public sealed class TestWorld
{
    public const string Password = "test-password-2026";

    // (code, parent, level, class)
    private static readonly (string Code, string? Parent, UnitLevel Level, string? Class)[] TreeA =
    [
        ("A", null, UnitLevel.City, null),
        ("A-C1", "A", UnitLevel.County, "县区政府"),
        ("A-C2", "A", UnitLevel.County, "县区政府"),
        ("A-C1-T1", "A-C1", UnitLevel.Town, "乡镇"),
        ("A-C1-T2", "A-C1", UnitLevel.Town, "街道"),
        ("A-C2-T1", "A-C2", UnitLevel.Town, "乡镇"),
        ("A-C2-T2", "A-C2", UnitLevel.Town, "街道"),
        ("A-D1", "A", UnitLevel.Department, "A类部门"),
        ("A-D2", "A", UnitLevel.Department, "B类部门"),
    ];

    private static readonly (string Code, string? Parent, UnitLevel Level, string? Class)[] TreeB =
    [
        ("B", null, UnitLevel.City, null),
        ("B-C1", "B", UnitLevel.County, "县区政府"),
        ("B-C1-T1", "B-C1", UnitLevel.Town, "乡镇"),
    ];

    /// <summary>A signed-in user of tenant A per role, with the four units the access matrix aims at.</summary>
    public static readonly IReadOnlyList<RoleUser> RoleUsers =
    [
        new("a-admin", Roles.OfficeAdmin, "A-C1", ScopeKind.Subtree, "A-C1", "A-C2", "A", "B-C1"),
        new("a-liaison", Roles.Liaison, "A-C1-T1", ScopeKind.OwnUnit, "A-C1-T1", "A-C1-T2", "A-C1", "B-C1-T1"),
        new("a-provider", Roles.DataProvider, "A-D1", ScopeKind.Subtree, "A-D1", "A-D2", "A", "B-C1"),
        new("a-reviewer", Roles.Reviewer, "A-C1", ScopeKind.Subtree, "A-C1", "A-C2", "A", "B-C1"),
        new("a-firm", Roles.Reviewer, "A-D2", ScopeKind.Campaigns, "A-C2-T1", "A-C2-T2", "A-C2", "B-C1-T1"),
        // A court attached to the city: it supplies facts about every unit, so its scope is the whole city, yet it acts only
        // for its own department; the sibling department is in its scope and still not its to read or sign for.
        new("a-court", Roles.DataProvider, "A-D1", ScopeKind.Subtree, "A-D1", "A-D2", "A", "B-C1", ScopeRootCode: "A"),
        // The office's reviewer of the county, assigned to no campaign: the units are in its scope, the campaigns are not.
        new("a-idle-reviewer", Roles.Reviewer, "A-C1", ScopeKind.Subtree, "A-C1", "A-C2", "A", "B-C1"),
        new("a-leader", Roles.Leader, "A-C1", ScopeKind.Subtree, "A-C1", "A-C2", "A", "B-C1"),
        // The other office's admin sits at its root, which has no sibling or parent: every aim but its own is in office A.
        new("b-admin", Roles.OfficeAdmin, "B", ScopeKind.Subtree, "B-C1", "A-C1", "A", "A-C1-T1"),
    ];

    public long TenantA { get; private set; }
    public long TenantB { get; private set; }
    public Dictionary<string, Unit> Units { get; } = new(StringComparer.Ordinal);

    /// <summary>One liaison per unit, the target of the user endpoints; keyed by unit code.</summary>
    public Dictionary<string, AppUser> TargetUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>An API token of each target user, the target of the token endpoints; keyed by unit code.</summary>
    public Dictionary<string, long> TargetTokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AppUser> Users { get; } = new(StringComparer.Ordinal);
    public long CampaignId { get; private set; }

    /// <summary>
    /// A draft campaign per unit with just that unit in it, the target of the campaign endpoints in the access
    /// matrix; for A-C2-T1 it is the external firm's campaign. Keyed by unit code.
    /// </summary>
    public Dictionary<string, long> CampaignsByUnit { get; } = new(StringComparer.Ordinal);

    /// <summary>A text file of evidence on item 2.1 of each unit's campaign, the target of the evidence download in the access matrix.</summary>
    public Dictionary<string, long> EvidenceByUnit { get; } = new(StringComparer.Ordinal);

    /// <summary>A 双公示 upload made by each unit, the target of the upload endpoints in the access matrix; keyed by unit code.</summary>
    public Dictionary<string, long> DisclosureUploadsByUnit { get; } = new(StringComparer.Ordinal);

    /// <summary>A supervision order to each unit, its evidence and a work reminder, the targets of the follow-up endpoints; keyed by unit code.</summary>
    public Dictionary<string, long> OrdersByUnit { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> OrderEvidenceByUnit { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> RemindersByUnit { get; } = new(StringComparer.Ordinal);

    /// <summary>The reviewers assigned to each unit's campaign, by user name; keyed by unit code.</summary>
    private static readonly IReadOnlyDictionary<string, string> AssignedReviewers = new Dictionary<string, string>
    {
        ["A-C2-T1"] = "a-firm",
        // The office's own reviewer is assigned to its home unit's campaign, so its progress board is in reach.
        ["A-C1"] = "a-reviewer",
    };

    /// <summary>The campaign test scheme: seed 004 towns, quarterly, classes town (乡镇) and street (街道).</summary>
    public const string SchemeId = "jiaxian-towns-2022";

    public static string Marker(string code) => $"#{code}#";

    /// <summary>The marker in the name of the campaign around a unit.</summary>
    public static string CampaignMarker(string code) => Marker("c-" + code);

    /// <summary>The marker in the name of the target user's API token of a unit.</summary>
    public static string TokenMarker(string code) => Marker("t-" + code);

    public Unit Unit(string code) => Units[code];

    /// <summary>The unit codes a role user may see, worked out from the tree independently of the server.</summary>
    public IReadOnlySet<string> VisibleCodes(RoleUser user)
    {
        return user.Scope switch
        {
            ScopeKind.OwnUnit => new HashSet<string> { user.UnitCode },
            ScopeKind.Campaigns => new HashSet<string> { "A-C2-T1" },
            _ => Units.Keys.Where(code => code == user.ScopeRoot || code.StartsWith(user.ScopeRoot + "-", StringComparison.Ordinal)).ToHashSet(),
        };
    }

    /// <summary>
    /// Whether a role user may see the campaign around a unit: the unit in scope, and for a reviewer the campaign assigned to it
    /// (a reviewer follows its campaigns, not every campaign that touches its units).
    /// </summary>
    public bool SeesCampaign(RoleUser user, string code) =>
        VisibleCodes(user).Contains(code) && (user.Role != Roles.Reviewer || AssignedReviewers.GetValueOrDefault(code) == user.UserName);

    /// <summary>Whether a role user's scope covers every unit of the office the unit belongs to.</summary>
    public bool CoversOffice(RoleUser user, string code)
    {
        var visible = VisibleCodes(user);
        return user.Scope != ScopeKind.Campaigns && Units.Keys.Where(c => c[0] == code[0]).All(visible.Contains);
    }

    /// <summary>The marker of the office the role user does not belong to.</summary>
    public static string ForeignOfficeMarker(RoleUser user) => user.HomeCode.StartsWith('B') ? "#TA#" : "#TB#";

    public static async Task<TestWorld> CreateAsync(IServiceProvider services, TimeProvider clock)
    {
        var world = new TestWorld();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试数据");
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow().UtcDateTime;

        world.TenantA = await world.AddTenantAsync(db, "甲市信用办#TA#", TreeA, now);
        world.TenantB = await world.AddTenantAsync(db, "乙市信用办#TB#", TreeB, now);

        foreach (var (code, unit) in world.Units)
        {
            var target = await AddUserAsync(users, $"u-{code.ToLowerInvariant()}", $"联络员{Marker("u-" + code)}", unit, Roles.Liaison, ScopeKind.OwnUnit, now);
            world.TargetUsers[code] = target;
            var token = new ApiToken
            {
                TenantId = unit.TenantId, UserId = target.Id, Name = $"令牌{TokenMarker(code)}", Prefix = "cx_target",
                TokenHash = ApiTokenDefaults.Hash(ApiTokenDefaults.NewToken()), CreatedAt = now,
            };
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            world.TargetTokens[code] = token.Id;
        }
        foreach (var role in RoleUsers)
            world.Users[role.UserName] = await AddUserAsync(users, role.UserName, role.UserName, world.Units[role.HomeCode], role.Role, role.Scope, now,
                role.ScopeRootCode is null ? null : world.Units[role.ScopeRootCode].Id);

        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        foreach (var (code, unit) in world.Units)
        {
            var version = (await versions.FreezeAsync(db, SchemeId, unit.TenantId, now, default))!;
            await db.SaveChangesAsync();
            var campaign = new Campaign
            {
                TenantId = unit.TenantId, Name = $"测试批次{CampaignMarker(code)}", SchemeVersionId = version.Id, PeriodKey = "2022Q1",
                EvidenceDue = now.AddDays(10), CreatedAt = now,
            };
            // The test tree's classes are not all the scheme's; the matrix only needs a campaign around each unit.
            campaign.Units.Add(new CampaignUnit { UnitId = unit.Id, SchemeClass = unit.Class == "街道" ? "street" : "town" });
            if (AssignedReviewers.TryGetValue(code, out var reviewer))
                campaign.Reviewers.Add(new CampaignReviewer { UserId = world.Users[reviewer].Id });
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            world.CampaignsByUnit[code] = campaign.Id;

            var submission = new Submission
            {
                TenantId = unit.TenantId, CampaignId = campaign.Id, UnitId = unit.Id, State = Domain.Campaigns.SubmissionState.Draft,
                Due = campaign.EvidenceDue, CreatedAt = now,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync();
            var bytes = System.Text.Encoding.UTF8.GetBytes("工作总结（测试佐证）");
            var evidence = new Evidence
            {
                TenantId = unit.TenantId, SubmissionId = submission.Id, UnitId = unit.Id, ItemId = "2.1", FileName = "总结.txt",
                ContentType = "text/plain; charset=utf-8", Size = bytes.Length,
                Sha256 = await scope.ServiceProvider.GetRequiredService<Features.Submissions.EvidenceStore>().SaveAsync(bytes, default),
                UploadedByName = "测试数据", UploadedAt = now,
            };
            db.Evidence.Add(evidence);
            // A signed letter with its scan (the same stored bytes), so the scan download has something to serve.
            db.CommitmentLetters.Add(new CommitmentLetterRecord
            {
                TenantId = unit.TenantId, CampaignId = campaign.Id, UnitId = unit.Id, SignerKind = "unit", Title = "测试承诺书", Text = "特此承诺。",
                AcceptedAt = now, AcceptedByName = "测试数据", ScanFileName = "承诺书.txt", ScanContentType = evidence.ContentType, ScanSize = bytes.Length,
                ScanSha256 = evidence.Sha256, ScanUploadedAt = now, ScanUploadedByName = "测试数据",
            });
            await db.SaveChangesAsync();
            world.EvidenceByUnit[code] = evidence.Id;
            // A 双公示 upload by the unit, with one refused row, the target of the upload endpoints in the access matrix.
            var upload = new DisclosureUpload
            {
                TenantId = unit.TenantId, UploaderUnitId = unit.Id, UploadedByName = "测试数据", UploadedAt = now, FileName = $"双公示{Marker(code)}.csv",
                Format = "csv", Rows = 1, Refused = 1,
            };
            db.DisclosureUploads.Add(upload);
            await db.SaveChangesAsync();
            db.DisclosureRejections.Add(new DisclosureRejection
            {
                TenantId = unit.TenantId, UploadId = upload.Id, UploaderUnitId = unit.Id, DepartmentUnitId = unit.Id, Row = 2, Column = "决定日期",
                Reason = "必填项为空", DepartmentText = Marker(code), CountsOn = DateOnly.FromDateTime(now), CountsAsWrong = false,
            });
            await db.SaveChangesAsync();
            world.DisclosureUploadsByUnit[code] = upload.Id;
            // A supervision order with a file of evidence and a work reminder per unit, the targets of the follow-up endpoints.
            var order = new SupervisionOrder
            {
                TenantId = unit.TenantId, UnitId = unit.Id, Year = 2000, Sequence = world.OrdersByUnit.Count + 1, Problem = $"督办{Marker("o-" + code)}",
                Requirement = "整改", Deadline = now.AddDays(10), State = Domain.FollowUp.OrderState.Issued, IssuedByName = "测试数据", IssuedAt = now,
            };
            db.SupervisionOrders.Add(order);
            var reminder = new WorkReminder
            {
                TenantId = unit.TenantId, UnitId = unit.Id, Year = 2000, Sequence = world.OrdersByUnit.Count + 1, Title = $"提示{Marker("r-" + code)}",
                Content = "提示", ExpectedResponse = "反馈", IssuedByName = "测试数据", IssuedAt = now,
            };
            db.WorkReminders.Add(reminder);
            await db.SaveChangesAsync();
            var orderEvidence = new OrderEvidence
            {
                TenantId = unit.TenantId, OrderId = order.Id, UnitId = unit.Id, FileName = "整改.txt", ContentType = evidence.ContentType, Size = bytes.Length,
                Sha256 = evidence.Sha256, UploadedByName = "测试数据", UploadedAt = now,
            };
            db.OrderEvidence.Add(orderEvidence);
            await db.SaveChangesAsync();
            world.OrdersByUnit[code] = order.Id;
            world.OrderEvidenceByUnit[code] = orderEvidence.Id;
            world.RemindersByUnit[code] = reminder.Id;
        }
        world.CampaignId = world.CampaignsByUnit["A-C2-T1"];
        return world;
    }

    private async Task<long> AddTenantAsync(ChengxinDbContext db, string name, (string Code, string? Parent, UnitLevel Level, string? Class)[] tree, DateTime now)
    {
        var office = new CreditOffice { Name = name, CreatedAt = now };
        db.CreditOffices.Add(office);
        await db.SaveChangesAsync();
        foreach (var (code, parent, level, unitClass) in tree)
        {
            var unit = new Unit
            {
                TenantId = office.Id, Code = code, Name = $"单位{Marker(code)}", Level = level, Class = unitClass,
                ParentId = parent is null ? null : Units[parent].Id, CreatedAt = now,
            };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            Units[code] = unit;
        }
        return office.Id;
    }

    public static async Task<AppUser> AddUserAsync(UserManager<AppUser> users, string userName, string displayName, Unit unit, string role, ScopeKind scope,
        DateTime now, long? scopeUnitId = null)
    {
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, TenantId = unit.TenantId, UnitId = unit.Id,
            Role = role, ScopeKind = scope, ScopeUnitId = scopeUnitId, CreatedAt = now,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }
}

/// <summary>
/// A role user of the access matrix: where they sit, and the own, sibling, parent and foreign units aimed at; a subtree
/// scope is rooted at the home unit unless a scope root is named.
/// </summary>
public sealed record RoleUser(
    string UserName, string Role, string HomeCode, ScopeKind Scope,
    string UnitCode, string SiblingCode, string ParentCode, string ForeignCode, string? ScopeRootCode = null)
{
    public string ScopeRoot => ScopeRootCode ?? HomeCode;

    public override string ToString() => UserName;
}
