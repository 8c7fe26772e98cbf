using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Exports;

/// <summary>
/// Excel copies of what an office puts on paper: the ranking per class, the score sheet in the layout of the scheme's
/// source table, the appeals. A published campaign is exported from its frozen snapshot (what the public saw);
/// anything else is computed live and only for those allowed to see unpublished results on paper. Files are named in
/// Chinese after the campaign, points and ranks are numbers Excel can sum, and lateness is in hours as in the progress export.
/// Every workbook is written to the response as its rows are made (<see cref="Xlsx.Stream"/>), after the checks that may refuse.
/// </summary>
public static class ExportResults
{
    /// <summary>The one unit of lateness across exports (the progress export says 逾期（小时） too).</summary>
    public const string LatenessHeader = LatenessHours.Header;

    public static readonly IReadOnlyList<string> RankingHeader = ["总排名", "类别排名", "单位", "类别", "基本分", "附加分", "总分", "等次", "否决事项", "自评总分", LatenessHeader];

    /// <summary>Hours late, to one decimal, rounded up so that a late report never reads as 0; null when on time.</summary>
    public static decimal? LateHours(long lateBySeconds) => LatenessHours.Of(lateBySeconds);

    public static async Task<IResult> Ranking(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        // The ranking shows totals and ranks, not items: the unit's items, nearly all of a stored row, stay in the database.
        var (result, refusal) = await LoadRankingAsync(id, db, versions, scope, clock, ct);
        if (result is null)
            return refusal!;
        // The snapshot says whether a unit was late; by how much is the submission's, which no longer changes once collection closed.
        var late = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == id)
            .Select(s => new { s.UnitId, s.LateBySeconds }).ToDictionaryAsync(s => s.UnitId, s => s.LateBySeconds, ct);
        IReadOnlyList<object?> Row(UnitResultView u) => RankingRow(u, late.TryGetValue(u.UnitId, out var seconds) ? seconds : 0);
        var sheets = new List<XlsxSheet> { new("总排名", RankingHeader, result.Units.Select(Row)) };
        // One sheet per class, ordered by class rank: classes are compared within themselves (seed 002's A- and B-class departments).
        sheets.AddRange(result.Units.GroupBy(u => u.SchemeClass).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new XlsxSheet(g.First().SchemeClassName ?? g.Key, RankingHeader, g.OrderBy(u => u.ClassRank).ThenBy(u => u.UnitId).Select(Row))));
        return Xlsx.Stream(sheets, Xlsx.FileName(result.Name, "排名表"), ct);
    }

    /// <summary>Units of a campaign's live results read together while the score sheet is written (<c>Chengxin:Exports:ScoreSheetBatchUnits</c>).</summary>
    public const int ScoreSheetBatchUnits = 200;

    /// <summary>
    /// The score sheet, one sheet per unit in rank order. The whole campaign's is written as it is read (3,000 units × 40 items at a
    /// province): live results a batch of units at a time from their stored rows, a published snapshot a unit at a time; one unit's
    /// (<paramref name="unitId"/>) reads that unit alone. Refusals (404, 403) come before the first byte.
    /// </summary>
    public static async Task<IResult> ScoreSheet(long id, long? unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock,
        IConfiguration config, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var depth = Math.Max(1, scheme.Items.Max(i => i.AncestorNodes.Length));
        var header = new List<string> { "序号" };
        header.AddRange(Enumerable.Range(0, depth).Select(LevelName));
        header.AddRange(["考核指标", "分值", "评分细则", "自评得分", "得分", "得分说明"]);
        XlsxSheet Sheet(UnitResultView u) => new(u.Name, header, ScoreRows(u, scheme, depth, header.Count));
        var published = campaign.State == CampaignState.Published;
        var now = clock.GetUtcNow().UtcDateTime;
        if (unitId is { } only)
        {
            var fromSnapshot = published ? await ResultQueries.PublishedUnitAsync(db, id, only, ct) : null;
            if (fromSnapshot is null && !Roles.Grants(scope.Role, ExportPermissions.Unpublished))
                return UnpublishedRefused();
            var (name, unit) = fromSnapshot ?? (campaign.Name, await ResultQueries.LiveUnitAsync(db, versions, now, campaign, only, ct));
            if (unit is null)
                return ProblemResponses.NotFound("单位的结果");
            return Xlsx.Stream([Sheet(unit)], Xlsx.FileName(name, unit.Name, "评分表"), ct);
        }
        var snapshot = published ? await ResultQueries.PublishedUnitsAsync(db, id, ct) : null;
        if (snapshot is null && !Roles.Grants(scope.Role, ExportPermissions.Unpublished))
            return UnpublishedRefused();
        var units = snapshot is { } s ? s.Units?.ToAsyncEnumerable()
            : await ResultQueries.LiveUnitsAsync(db, versions, now, campaign, ct, config.GetValue("Chengxin:Exports:ScoreSheetBatchUnits", ScoreSheetBatchUnits));
        if (units is null)
            return ProblemResponses.NotFound("单位的结果");
        return Xlsx.Stream(units.Select(Sheet), Xlsx.FileName(snapshot?.Name ?? campaign.Name, "评分表"), ct);
    }

    private static IResult UnpublishedRefused() => TypedResults.Problem(title: "无权访问", detail: "结果尚未发布：导出未发布的结果须信用办管理员权限。",
        statusCode: StatusCodes.Status403Forbidden);

    public static readonly IReadOnlyList<string> AppealHeader = ["编号", "单位", "指标", "申诉理由", "提出时间", "状态", "处理意见", "处理时间"];

    public static async Task<IResult> Appeals(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var name = await db.Campaigns.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
            return ProblemResponses.NotFound("评价批次");
        // The unit scope filter on appeals keeps each caller to their own units' appeals.
        var appeals = await ResultQueries.AppealsAsync(db, id, ct);
        var rows = appeals.Select(a => (IReadOnlyList<object?>)
        [
            a.Id, a.UnitName, a.ItemId ?? "整体结果", a.Grounds, Time(a.FiledAt), AppealStateName(a.State),
            a.Decision, a.DecidedAt is { } d ? Time(d) : null,
        ]);
        return Xlsx.Stream([new XlsxSheet("申诉", AppealHeader, rows)], Xlsx.FileName(name, "申诉清单"), ct);
    }

    public static string AppealStateName(AppealState state) => state switch
    {
        AppealState.Filed => "待处理",
        AppealState.Upheld => "已支持",
        AppealState.Rejected => "已驳回",
        _ => state.ToString(),
    };

    private static string Time(DateTimeOffset t) => t.ToOffset(BeijingTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string LevelName(int level) => level switch { 0 => "一级指标", 1 => "二级指标", 2 => "三级指标", _ => $"{level + 1}级指标" };

    /// <summary>Points as a number cell, to the scheme's precision (exact decimals, never a double).</summary>
    private static decimal Points(decimal d) => d.Normalized();

    private static IReadOnlyList<object?> RankingRow(UnitResultView u, long lateBySeconds) =>
    [
        u.Rank, u.ClassRank, u.Name, u.SchemeClassName ?? u.SchemeClass,
        Points(u.Base), Points(u.Bonus), Points(u.Total), u.Grade, string.Join("；", u.Vetoes), Points(u.SelfTotal), u.IsLate ? LateHours(lateBySeconds) : null,
    ];

    /// <summary>
    /// The 评分细则 cell: the seed's scoring words for the item, or where the seed's table had none (a merged cell,
    /// an item read from the notice's text) the rule in words, never empty.
    /// </summary>
    public static string ScoringRules(Item item, Scheme scheme) =>
        !string.IsNullOrWhiteSpace(item.Wording.Scoring) ? item.Wording.Scoring
        : string.Join("；", item.Rule.Select(p => RuleText.Describe(p, item, scheme)));

    private static IEnumerable<IReadOnlyList<object?>> ScoreRows(UnitResultView unit, CompiledScheme scheme, int depth, int width)
    {
        var items = unit.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        foreach (var ci in scheme.Items)
        {
            if (!items.TryGetValue(ci.Item.Id, out var r))
                continue;
            var row = new List<object?> { ci.Item.No ?? ci.Item.Id };
            for (var level = 0; level < depth; level++)
                row.Add(level < ci.AncestorNodes.Length ? scheme.Nodes[ci.AncestorNodes[level]].Title : null);
            var applicable = r.Status != ItemStatus.NotApplicable;
            row.AddRange([ci.Item.Title, Points(ci.Item.Max), ScoringRules(ci.Item, scheme.Scheme), applicable ? Points(r.SelfScore) : "不适用",
                applicable ? Points(r.Score) : "不适用", r.Explanation]);
            yield return row;
        }
        // The totals under the table, as the seed's sheets end: base, bonus, total, grade, ranks.
        IReadOnlyList<object?> Footer(string label, object? value)
        {
            var row = new object?[width];
            row[0] = label;
            row[width - 2] = value;
            return row;
        }
        yield return Footer("基本分", Points(unit.Base));
        yield return Footer("附加分", Points(unit.Bonus));
        yield return Footer("总分", Points(unit.Total));
        yield return Footer("等次", unit.Grade);
        yield return Footer("排名", $"总第{unit.Rank}名，类别第{unit.ClassRank}名");
    }

    /// <summary>
    /// The campaign's ranking as the caller may export it: the latest published snapshot while published, otherwise live results
    /// (without items, which a ranking does not show) for those allowed to export unpublished ones; either way only the units in the caller's scope.
    /// </summary>
    private static async Task<(CampaignResultView? Result, IResult? Refusal)> LoadRankingAsync(long id, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await StoredResults.FindCampaignAsync(db, id, ct);
        if (campaign is null)
            return (null, ProblemResponses.NotFound("评价批次"));
        var result = campaign.State == CampaignState.Published ? await ResultQueries.LatestSnapshotAsync(db, id, ct) : null;
        if (result is null)
        {
            if (!Roles.Grants(scope.Role, ExportPermissions.Unpublished))
                return (null, UnpublishedRefused());
            result = await ResultQueries.ReadAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, ct, withItems: false);
        }
        return (await ResultQueries.InScopeAsync(db, result, ct), null);
    }
}
