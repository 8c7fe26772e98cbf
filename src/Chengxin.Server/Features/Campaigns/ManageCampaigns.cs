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

/// <summary>Instants as typed by an office: with an offset, or wall-clock time in Asia/Shanghai.</summary>
public sealed record ScheduleRequest(string? LiaisonDue, string? EvidenceDue, string? SelfAssessmentDue, string? ReviewDue, int? AppealWindowDays);

/// <summary>
/// Opens a campaign. Units are a list of ids, or a subtree with an optional filter of unit classes;
/// classMap maps the server's unit class names to the scheme's class ids where they differ by name.
/// </summary>
public sealed record OpenCampaignRequest(
    string? Name, string? SchemeId, string? PeriodKey,
    List<long>? UnitIds, long? SubtreeUnitId, List<string>? UnitClasses, Dictionary<string, string>? ClassMap,
    ScheduleRequest? Schedule, List<Guid>? ReviewerIds, decimal? SpotCheckShare, bool? SelfAssessmentRequired, long? BaselineCampaignId = null);

/// <summary>The schedule in Asia/Shanghai time (UTC+8), as an office reads it.</summary>
public sealed record ScheduleView(DateTimeOffset? LiaisonDue, DateTimeOffset EvidenceDue, DateTimeOffset? SelfAssessmentDue, DateTimeOffset? ReviewDue, int AppealWindowDays);

public sealed record CampaignUnitView(long UnitId, string Name, string? Class, string SchemeClass);

public sealed record CampaignReviewerView(Guid UserId, string DisplayName);

/// <summary>A recorded spot-check draw: the seed and the share reproduce it; only the drawn units in the caller's scope are listed.</summary>
public sealed record SpotCheckView(string Seed, decimal Share, int DrawnCount, IReadOnlyList<long> UnitIds, DateTimeOffset DrawnAt);

/// <summary>A campaign as the caller may see it: only the units in the caller's scope are listed; unitCount counts them all.</summary>
public sealed record CampaignResponse(
    long Id, string Name, string SchemeId, int SchemeVersion, string SchemeTitle, string SchemeSha256,
    string PeriodKey, string PeriodLabel, CampaignState State, string StateName, ScheduleView Schedule,
    decimal SpotCheckShare, bool SelfAssessmentRequired, int UnitCount,
    IReadOnlyList<CampaignUnitView> Units, IReadOnlyList<CampaignReviewerView> Reviewers, DateTimeOffset? PublishedAt, SpotCheckView? SpotCheck,
    long? BaselineCampaignId = null, int Revision = 0, VoidView? Void = null);

/// <summary>Why a campaign was voided, when and by whom (in Beijing time).</summary>
public sealed record VoidView(string Reason, DateTimeOffset At, string? By);

/// <summary>Opening campaigns and moving them through the domain's states. Every read goes through the unit scope filter.</summary>
public static partial class ManageCampaigns
{
    /// <summary>
    /// The most units one campaign takes by id: a province's towns fit, and it stays below SQLite's 32,766 parameters per statement.
    /// Larger campaigns choose a subtree and unit classes instead.
    /// </summary>
    public const int MaxUnits = 20_000;

    /// <summary>The cap of the short lists of a campaign request (classes, class map, reviewers).</summary>
    public const int MaxListed = 500;

    /// <summary>Voided campaigns stay on record but leave the everyday list; <paramref name="includeVoided"/> brings them back.</summary>
    public static async Task<IResult> List(ChengxinDbContext db, CancellationToken ct, bool? includeVoided = null)
    {
        var query = db.Campaigns.AsNoTracking().Include(c => c.Units).Include(c => c.Reviewers);
        var campaigns = await (includeVoided == true ? query : query.Where(c => c.State != CampaignState.Voided)).OrderByDescending(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(await MapAsync(db, campaigns, ct));
    }

    public static async Task<IResult> Get(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).Include(c => c.Reviewers).FirstOrDefaultAsync(c => c.Id == id, ct);
        return campaign is null ? ProblemResponses.NotFound("评价批次") : TypedResults.Ok((await MapAsync(db, [campaign], ct))[0]);
    }

    public static async Task<IResult> Create(OpenCampaignRequest request, ChengxinDbContext db, AccessScope scope, SchemeVersions versions,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validation = new Validation()
            .Required("name", request.Name, "批次名称", 200)
            .Required("schemeId", request.SchemeId, "指标体系")
            .Required("periodKey", request.PeriodKey, "评价期间", 40)
            .Check(request.Schedule?.EvidenceDue is not null, "schedule.evidenceDue", "请填写佐证材料截止时间。")
            .Check(request.SpotCheckShare is null or (>= 0 and <= 1), "spotCheckShare", "抽查比例应在 0 到 1 之间。")
            // Stored as ten-thousandths like points; a finer share would not survive the round trip.
            .Check(request.SpotCheckShare is not { } share || share * ScaledPoints.Scale == decimal.Truncate(share * ScaledPoints.Scale),
                "spotCheckShare", "抽查比例最多保留四位小数。")
            .Check(request.UnitIds is not { Count: > MaxUnits }, "unitIds", $"一个批次最多 {MaxUnits} 个参评单位，请按上级单位和类别选择或分批开展。")
            .Check(request.UnitClasses is not { Count: > MaxListed }, "unitClasses", $"单位类别最多 {MaxListed} 个。")
            .Check(request.ClassMap is not { Count: > MaxListed }, "classMap", $"类别对应关系最多 {MaxListed} 条。")
            .Check(request.ReviewerIds is not { Count: > MaxListed }, "reviewerIds", $"评审员最多 {MaxListed} 名。")
            .Check(request.Schedule?.AppealWindowDays is null or (>= 0 and <= 365), "schedule.appealWindowDays", "申诉期应在 0 到 365 天之间。")
            .Check((request.UnitIds is { Count: > 0 }) != (request.SubtreeUnitId is not null), "unitIds", "请列出参评单位，或指定一个上级单位及单位类别（二选一）。");

        var scheme = request.SchemeId is { Length: > 0 } schemeId ? versions.Catalog.Find(schemeId) : null;
        if (request.SchemeId is { Length: > 0 } && scheme is null)
            validation.Add("schemeId", $"没有编号为「{request.SchemeId}」的指标体系。");

        Period? period = null;
        if (request.PeriodKey is { Length: > 0 } key)
        {
            try
            {
                period = Period.ParseKey(key.Trim());
            }
            catch (DomainRuleException e)
            {
                validation.Add("periodKey", e.Message.Contains("超出范围", StringComparison.Ordinal)
                    ? $"{e.Message}。"
                    : $"无法识别的期间「{key}」（应如 2023-03、2022Q1、2022 或 2022-07-01..2023-06-30）。");
            }
        }
        if (period is not null && scheme is not null && period.Kind != scheme.Period)
            validation.Add("periodKey", $"指标体系「{scheme.Title}」按{PeriodName(scheme.Period)}评价，期间「{period.Key}」是{PeriodName(period.Kind)}。");

        var liaisonDue = Instant(request.Schedule?.LiaisonDue, "schedule.liaisonDue", validation);
        var evidenceDue = Instant(request.Schedule?.EvidenceDue, "schedule.evidenceDue", validation);
        var selfDue = Instant(request.Schedule?.SelfAssessmentDue, "schedule.selfAssessmentDue", validation);
        var reviewDue = Instant(request.Schedule?.ReviewDue, "schedule.reviewDue", validation);
        CampaignSchedules.CheckOrder(liaisonDue, evidenceDue, selfDue, reviewDue, validation);

        // A list past its cap is refused before it reaches SQL, where it would exceed the database's parameter limit.
        var listsFit = validation.IsValid || !validation.Has("unitIds", "unitClasses", "classMap", "reviewerIds");
        var units = scheme is null || !listsFit ? [] : await SelectUnitsAsync(db, request, scheme, validation, ct);
        var reviewers = listsFit ? await SelectReviewersAsync(db, request.ReviewerIds ?? [], validation, ct) : [];
        var baseline = await Submissions.Baseline.FindAsync(db, request.BaselineCampaignId, scheme?.Id, validation, ct);
        if (!validation.IsValid)
            return validation.Problem();

        var schedule = new CampaignSchedule(liaisonDue, evidenceDue!.Value, selfDue, reviewDue, TimeSpan.FromDays(request.Schedule!.AppealWindowDays ?? 0));
        // The domain checks the schedule's order; a refusal is a 409 with its own message.
        _ = new DomainCampaign(scheme!.Id, scheme.Version, period!, schedule);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = (await versions.FreezeAsync(db, scheme.Id, scope.TenantId, now.UtcDateTime, ct))!;
        var campaign = new Campaign
        {
            TenantId = scope.TenantId,
            Name = request.Name!.Trim(),
            PeriodKey = period!.Key,
            State = CampaignState.Draft,
            LiaisonDue = liaisonDue?.UtcDateTime,
            EvidenceDue = evidenceDue.Value.UtcDateTime,
            SelfAssessmentDue = selfDue?.UtcDateTime,
            ReviewDue = reviewDue?.UtcDateTime,
            AppealWindowSeconds = (long)schedule.AppealWindow.TotalSeconds,
            SpotCheckShare = request.SpotCheckShare ?? 0,
            SelfAssessmentRequired = request.SelfAssessmentRequired ?? true,
            CreatedBy = scope.UserId,
            CreatedAt = now.UtcDateTime,
            Units = units.Select(u => new CampaignUnit { UnitId = u.Unit.Id, SchemeClass = u.SchemeClass }).ToList(),
            Reviewers = reviewers.Select(r => new CampaignReviewer { UserId = r }).ToList(),
            BaselineCampaignId = baseline?.Id,
        };
        // Set after the version is saved in the same transaction, so a new version's generated key is known.
        await db.SaveChangesAsync(ct);
        campaign.SchemeVersionId = version.Id;
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, scope, campaign, "campaign.members", new
        {
            schemeVersionId = version.Id,
            schemeSha256 = version.Sha256,
            units = campaign.Units.Select(u => new { u.UnitId, u.SchemeClass }),
            reviewers = campaign.Reviewers.Select(r => r.UserId),
        }, now.UtcDateTime, ct);
        if (baseline is not null)
            await Submissions.Baseline.CopyAsync(db, versions, campaign, baseline, now.UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", (await MapAsync(db, [campaign], ct))[0]);
    }

    private static List<long> SpotCheckIds(Campaign c) =>
        string.IsNullOrEmpty(c.SpotCheckUnitIds) ? [] : c.SpotCheckUnitIds.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList();

    /// <summary>
    /// Draws the spot-check sample once per campaign, during review, with a fresh random seed that is stored (and so
    /// audited): the draw can be redone by anyone, and cannot be redrawn until a sample someone likes comes up.
    /// </summary>
    public static async Task<IResult> DrawSpotCheck(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        SpotCheck.EnsureDrawable(campaign.State, drawnBefore: campaign.SpotCheckSeed is not null);
        var seed = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var drawn = SpotCheck.Draw(campaign.Units.Select(u => u.UnitId.ToString(CultureInfo.InvariantCulture)), campaign.SpotCheckShare, seed);
        campaign.SpotCheckSeed = seed.ToString(CultureInfo.InvariantCulture);
        campaign.SpotCheckUnitIds = string.Join(",", drawn);
        campaign.SpotCheckDrawnAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await MapAsync(db, [campaign], ct))[0]);
    }

    public static Task<IResult> Open(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(id, db, scope, clock, (c, _, _) => c.Open(), ct);

    /// <summary>
    /// Collection ends: the units that never submitted get a missing report on record. The campaign's row is updated first,
    /// so a unit's submit that holds the campaign open (<see cref="HoldStateAsync"/>) has committed before the missing
    /// reports are worked out, and none commits after; a refused or lost start-review commits nothing.
    /// Units that have not reported stop it unless the office goes on with a reason (<see cref="Readiness"/>).
    /// </summary>
    public static async Task<IResult> StartReview(long id, ReadinessOverrideRequest? request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var (refused, recordOverride) = await Readiness.CheckAsync(db, versions, scope, campaign, Readiness.CloseCollection, request, clock.GetUtcNow(), ct);
        if (refused is not null)
            return refused;
        var result = await TransitionAsync(id, db, scope, clock, (c, _, _) => c.StartReview(), ct, async (campaign, now) =>
        {
            await recordOverride();
            await Submissions.ReportLog.RecordMissingAsync(db, campaign, now, ct);
        });
        if (result is Microsoft.AspNetCore.Http.HttpResults.Ok<CampaignResponse>)
            await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Loads a campaign the caller may manage (every one of its units in the caller's scope), restores it as the
    /// domain type, applies one transition there and stores the outcome. The domain refuses what its rules refuse (409).
    /// The update matches the campaign only in the state the transition was decided on: a request that loses a race
    /// changes nothing (409). Whatever else the transition records (<paramref name="afterwards"/>) is saved after the
    /// campaign's row, in the caller's transaction.
    /// </summary>
    public static async Task<IResult> TransitionAsync(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        Action<DomainCampaign, string, DateTimeOffset> transition, CancellationToken ct, Func<Campaign, DateTimeOffset, Task>? afterwards = null)
    {
        var campaign = await FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var domain = campaign.Restore(version);
        var now = clock.GetUtcNow();
        transition(domain, scope.UserId!.Value.ToString(), now);
        campaign.Store(domain);
        await db.SaveChangesAsync(ct);
        if (afterwards is not null)
        {
            await afterwards(campaign, now);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok((await MapAsync(db, [campaign], ct))[0]);
    }

    /// <summary>
    /// Whether the campaign is still in the given state, holding it there until the caller's transaction ends: on
    /// PostgreSQL a share lock on its row, which a transition's update waits for; on SQLite the caller's transaction
    /// already holds the database's one write lock, so the read is current and no transition can come between.
    /// </summary>
    public static async Task<bool> HoldStateAsync(ChengxinDbContext db, long id, CampaignState state, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var name = state.ToString();
            var held = await db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Campaigns" WHERE "Id" = {id} AND "State" = {name} FOR SHARE""")
                .ToListAsync(ct);
            return held.Count > 0;
        }
        return await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AnyAsync(c => c.Id == id && c.State == state, ct);
    }

    /// <summary>
    /// A campaign the caller may change: visible, none of its units outside the caller's scope, and not voided (409). Seeing a
    /// campaign through one of its units is not managing it; every handler that changes a campaign authorises it here first.
    /// </summary>
    public static async Task<Campaign?> FindManagedAsync(ChengxinDbContext db, AccessScope scope, long id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.Include(c => c.Units).Include(c => c.Reviewers).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || !await db.SeesAllUnitsAsync(campaign.Units.Select(u => u.UnitId).ToList(), ct))
            return null;
        // A voided campaign is read-only for every change the office makes, decided here once, after the caller is authorised.
        if (campaign.State == CampaignState.Voided)
            throw new DomainRuleException("评价批次已作废，不能再修改。");
        return campaign;
    }

    /// <summary>An audit event for what the entity snapshot cannot show (a campaign's members), in the caller's transaction.</summary>
    public static async Task RecordAsync(ChengxinDbContext db, AccessScope scope, Campaign campaign, string action, object after, DateTime now, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(after, AuditJsonOptions);
        await AuditChain.AppendAsync(db, [new AuditDraft(campaign.TenantId, now, scope.UserId, scope.ActorName, action, "campaign", campaign.Id.ToString(CultureInfo.InvariantCulture), null, null, json)], ct);
        await db.SaveChangesAsync(ct);
    }

    private static readonly JsonSerializerOptions AuditJsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
            foreach (var missing in distinct.Except(chosen.Select(u => u.Id)))
                validation.Add("unitIds", $"单位 {missing} 不存在或不在您的权限范围内。");
        }
        else if (request.SubtreeUnitId is { } rootId)
        {
            var all = await db.Units.AsNoTracking().Where(u => u.IsActive).ToListAsync(ct);
            if (all.All(u => u.Id != rootId))
            {
                validation.Add("subtreeUnitId", $"单位 {rootId} 不存在或不在您的权限范围内。");
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
        foreach (var id in distinct)
        {
            var user = users.FirstOrDefault(u => u.Id == id);
            if (user is null)
                validation.Add("reviewerIds", $"用户 {id} 不存在。");
            else if (user.Role != Roles.Reviewer || !user.IsActive)
                validation.Add("reviewerIds", $"用户「{user.DisplayName}」不是在用的评审员账号。");
        }
        return distinct;
    }

    private static readonly Regex HasOffset = OffsetPattern();

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();

    /// <summary>
    /// An instant with its offset as given, or wall-clock time read in Asia/Shanghai. Only years the platform can work
    /// in are taken: 0001-01-01 in Beijing is before the first instant .NET can hold in UTC, and a deadline in year 9999
    /// leaves no room for the appeal window after it.
    /// </summary>
    internal static DateTimeOffset? Instant(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        DateTimeOffset instant;
        if (HasOffset.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            instant = withOffset;
        // The year is checked on the wall clock first: 0001-01-01 in Beijing time lies before DateTimeOffset's first instant.
        else if (!HasOffset.IsMatch(text) && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            instant = wall.Year is >= Period.MinYear and <= Period.MaxYear ? BeijingTime.FromWallClock(wall) : DateTimeOffset.MinValue;
        else
        {
            validation.Add(field, $"无法识别的时间「{text}」（应如 2023-01-15T17:00，按北京时间）。");
            return null;
        }
        if (instant == DateTimeOffset.MinValue || BeijingTime.Local(instant).Year is < Period.MinYear or > Period.MaxYear)
        {
            validation.Add(field, $"时间「{text}」超出范围：年份应在 {Period.MinYear} 至 {Period.MaxYear} 之间。");
            return null;
        }
        return instant;
    }

    private static string PeriodName(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "月度",
        PeriodKind.Quarter => "季度",
        PeriodKind.Year => "年度",
        _ => "固定期间",
    };

    /// <summary>Maps campaigns to responses by hand; units outside the caller's scope are left out (the filtered unit query decides).</summary>
    internal static async Task<List<CampaignResponse>> MapAsync(ChengxinDbContext db, IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        var versionIds = campaigns.Select(c => c.SchemeVersionId).Distinct().ToList();
        var versions = await db.SchemeVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.SchemeId, v.Version, v.Title, v.Sha256 }).ToDictionaryAsync(v => v.Id, ct);
        var unitIds = campaigns.SelectMany(c => c.Units).Select(u => u.UnitId).Distinct().ToList();
        var visible = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var reviewerIds = campaigns.SelectMany(c => c.Reviewers).Select(r => r.UserId).Distinct().ToList();
        var voiders = campaigns.Where(c => c.VoidedBy is not null).Select(c => c.VoidedBy!.Value).Distinct().ToList();
        var voiderNames = voiders.Count == 0 ? [] : await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => voiders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        // A campaign's reviewers are named to everyone who takes part in it, wherever in the tree the reviewers sit.
        var reviewers = await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return campaigns.Select(c =>
        {
            var v = versions[c.SchemeVersionId];
            var period = Period.ParseKey(c.PeriodKey);
            return new CampaignResponse(c.Id, c.Name, v.SchemeId, v.Version, v.Title, v.Sha256, c.PeriodKey, period.Label, c.State,
                DomainCampaign.Name(c.State),
                new ScheduleView(Local(c.LiaisonDue), Local(c.EvidenceDue), Local(c.SelfAssessmentDue), Local(c.ReviewDue),
                    (int)(c.AppealWindowSeconds / 86400)),
                c.SpotCheckShare, c.SelfAssessmentRequired, c.Units.Count,
                c.Units.Where(u => visible.ContainsKey(u.UnitId)).OrderBy(u => u.UnitId)
                    .Select(u => new CampaignUnitView(u.UnitId, visible[u.UnitId].Name, visible[u.UnitId].Class, u.SchemeClass)).ToList(),
                c.Reviewers.Where(r => reviewers.ContainsKey(r.UserId)).OrderBy(r => r.UserId)
                    .Select(r => new CampaignReviewerView(r.UserId, reviewers[r.UserId])).ToList(),
                Local(c.PublishedAt),
                c.SpotCheckSeed is null ? null : new SpotCheckView(c.SpotCheckSeed, c.SpotCheckShare, SpotCheckIds(c).Count,
                    SpotCheckIds(c).Where(visible.ContainsKey).ToList(), Local(c.SpotCheckDrawnAt)!.Value),
                c.BaselineCampaignId, c.Revision,
                c.VoidReason is null ? null : new VoidView(c.VoidReason, Local(c.VoidedAt)!.Value,
                    c.VoidedBy is { } by && voiderNames.TryGetValue(by, out var name) ? name : null));
        }).ToList();
    }
}
