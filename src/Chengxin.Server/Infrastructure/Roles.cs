using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Bulletins;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Disclosures;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Features.Events;
using Chengxin.Server.Features.Exports;
using Chengxin.Server.Features.FollowUp;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Surveys;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.SpotChecks;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Features.Workspace;

namespace Chengxin.Server.Infrastructure;

/// <summary>The five roles and what each may do; the unit scope then narrows where.</summary>
public static class Roles
{
    public const string OfficeAdmin = "office-admin";
    public const string Liaison = "liaison";
    public const string DataProvider = "data-provider";
    public const string Reviewer = "reviewer";
    public const string Leader = "leader";

    public static readonly IReadOnlyList<string> All = [OfficeAdmin, Liaison, DataProvider, Reviewer, Leader];

    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [OfficeAdmin] = "信用办管理员",
        [Liaison] = "联络员",
        [DataProvider] = "信息来源部门",
        [Reviewer] = "评审员",
        [Leader] = "领导",
    };

    // Entries are added, not assigned by index: a role listed twice (as a careless merge once left it, the later list silently
    // replacing the earlier) throws when the class loads, so every test fails instead of one role quietly losing its grants.
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions = new Dictionary<string, IReadOnlyList<string>>
    {
        { OfficeAdmin, [AuthPermissions.Self, SchemePermissions.Read, UnitPermissions.Read, UnitPermissions.Write, UserPermissions.Read, UserPermissions.Write,
            AuditPermissions.Read, AuditPermissions.Verify, AuditPermissions.Checkpoint, TokenPermissions.Manage, CampaignPermissions.Read, CampaignPermissions.Manage,
            SubmissionPermissions.Read, SubmissionPermissions.Write, ReviewPermissions.Write, ResultPermissions.Read, SpotCheckPermissions.Write,
            WorkspacePermissions.Progress, ExportPermissions.Read, ExportPermissions.Unpublished, DashboardPermissions.Read,
            DisclosurePermissions.Read, DisclosurePermissions.Upload, DisclosurePermissions.Manage,
            DishonestListPermissions.Read, DishonestListPermissions.Manage, EventPermissions.Read, EventPermissions.Manage, EventPermissions.Intake,
            BulletinPermissions.Generate, NotificationPermissions.Inbox, NotificationPermissions.Channels, SurveyPermissions.Read, SurveyPermissions.Manage,
            FollowUpPermissions.Read, FollowUpPermissions.Manage] },
        { Liaison, [AuthPermissions.Self, SchemePermissions.Read, UnitPermissions.Read, CampaignPermissions.Read, SubmissionPermissions.Read,
            SubmissionPermissions.Write, LetterPermissions.Sign, EventPermissions.Read, NotificationPermissions.Inbox,
            FollowUpPermissions.Read, FollowUpPermissions.Respond] },
        // A provider fills its own grid and signs for its own department; it never reads a unit's submission, explanations,
        // evidence or reviews (the grid's rule: a supplier never sees others' values, scores, evidence or explanations).
        { DataProvider, [AuthPermissions.Self, SchemePermissions.Read, UnitPermissions.Read, TokenPermissions.Manage, CampaignPermissions.Read,
            LetterPermissions.Sign, ProviderPermissions.Grid, DisclosurePermissions.Read, DisclosurePermissions.Upload, EventPermissions.Intake,
            NotificationPermissions.Inbox] },
        { Reviewer, [AuthPermissions.Self, SchemePermissions.Read, UnitPermissions.Read, CampaignPermissions.Read, SubmissionPermissions.Read,
            ReviewPermissions.Write, ResultPermissions.Read, SpotCheckPermissions.Write, WorkspacePermissions.Progress, DisclosurePermissions.Read,
            DishonestListPermissions.Read, EventPermissions.Read, NotificationPermissions.Inbox, SurveyPermissions.Read] },
        { Leader, [AuthPermissions.Self, SchemePermissions.Read, UnitPermissions.Read, AuditPermissions.Read, AuditPermissions.Verify,
            CampaignPermissions.Read, SubmissionPermissions.Read, ResultPermissions.Read, WorkspacePermissions.Progress, ExportPermissions.Read,
            DashboardPermissions.Read, DisclosurePermissions.Read, DishonestListPermissions.Read, EventPermissions.Read,
            NotificationPermissions.Inbox, SurveyPermissions.Read, FollowUpPermissions.Read] },
    };

    /// <summary>
    /// The order of the roles, highest first: an account may grant or manage only roles at or below its own. The office admin
    /// runs the office; a leader oversees it without changing it; a reviewer judges others' answers; a data provider and a
    /// liaison each answer for their own unit only.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Rank = new Dictionary<string, int>
    {
        [OfficeAdmin] = 5,
        [Leader] = 4,
        [Reviewer] = 3,
        [DataProvider] = 2,
        [Liaison] = 1,
    };

    /// <summary>Whether an account of one role may give another account a role, or manage an account that has it.</summary>
    public static bool MayGrant(string? ownRole, string? role) =>
        ownRole is not null && role is not null && Rank.TryGetValue(ownRole, out var own) && Rank.TryGetValue(role, out var other) && other <= own;

    public static IEnumerable<string> AllPermissions => Permissions.Values.SelectMany(p => p).Distinct();

    public static IEnumerable<string> Granting(string permission) =>
        Permissions.Where(kv => kv.Value.Contains(permission)).Select(kv => kv.Key);

    public static bool Grants(string? role, string permission) =>
        role is not null && Permissions.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>Accepts the code name or the Chinese name (as typed in a spreadsheet).</summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        if (All.Contains(text))
            return text;
        return ChineseNames.FirstOrDefault(kv => kv.Value == text).Key;
    }
}
