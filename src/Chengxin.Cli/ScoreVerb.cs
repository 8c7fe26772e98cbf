using System.Text;
using System.Text.Json;
using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Sheets;
using Spectre.Console;
using static Chengxin.Cli.CliContext;

namespace Chengxin.Cli;

/// <summary>score: every unit of a facts file scored, ranked overall and within its class.</summary>
public static class ScoreVerb
{
    /// <summary>Above this many units a run takes long enough that a person wants to see it move.</summary>
    public const int ProgressThreshold = 2000;

    public static int Run(CliContext ctx, Scheme scheme, string factsPath, string format, string? output, IReadOnlyList<string> periodResults,
        bool allowLintErrors = false)
    {
        // A scheme with unresolved errors scores something, but not what its notice says: refuse unless asked.
        var errors = Linter.Lint(scheme).Where(f => f.Severity == LintSeverity.Error && !f.IsResolved).ToList();
        if (errors.Count > 0)
        {
            foreach (var f in errors) ctx.Err.WriteLine(SchemeVerbs.FindingLine(scheme, f));
            if (!allowLintErrors)
            {
                ctx.Err.WriteLine($"方案 {scheme.Id} 有 {errors.Count} 条未处理的检查错误，得分不能代表通知原意，拒绝评分；"
                    + "修正方案或在方案中记录处理（resolutions），或加 --allow-lint-errors 仍然评分 (the scheme has unresolved lint errors)");
                return ChengxinCli.Findings;
            }
            ctx.Err.WriteLine($"注意：方案 {scheme.Id} 有 {errors.Count} 条未处理的检查错误，按 --allow-lint-errors 仍然评分");
        }
        var compiled = new CompiledScheme(scheme, OfficialCalendar.Load(ctx.Root));
        var units = ReadFacts(factsPath, compiled);
        var earlier = EarlierPeriods(ctx, scheme, periodResults);
        var results = ScoreAll(ctx, units, earlier);
        // Pass two: items scored against the other units, the grades' quotas, then ranks (docs/scheme-format.md).
        var ranked = CampaignScoring.Finish(results);
        // Best first; units that share a rank keep the order of the facts file.
        var ordered = ranked.Select((r, i) => (r, i)).OrderBy(x => x.r.Rank).ThenBy(x => x.i).Select(x => x.r).ToList();

        switch (format)
        {
            case "json":
                Sink.WriteText(ctx, output, Json(ordered));
                break;
            case "csv":
                Sink.WriteText(ctx, output, CsvText(compiled, ordered), bom: true);
                break;
            default:
                var text = new StringWriter();
                WriteTable(output is null ? ctx.Out : text, compiled, ordered);
                if (output is not null) Sink.WriteText(ctx, output, text.ToString());
                break;
        }
        return ChengxinCli.Ok;
    }

    public static IReadOnlyList<UnitFacts> ReadFacts(string path, CompiledScheme scheme)
    {
        if (!File.Exists(path)) throw new CliException($"找不到事实文件 {path} (no such facts file)");
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            return FactsWorkbook.Read(path, scheme);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法读取事实文件 {path}：{e.Message}");
        }
        try
        {
            return FactsFile.Parse(text, scheme, path);
        }
        catch (FactsFileException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new FactsFileException($"{path}：{e.Message}");
        }
    }

    /// <summary>
    /// A composite scheme (seed 003: the annual result includes the average of the monthly ones)
    /// adds earlier periods' totals, read from `score --format json` results of the scheme it
    /// names; a unit absent from a period's file has no result for that period.
    /// </summary>
    private static Func<UnitFacts, CompositeInput?> EarlierPeriods(CliContext ctx, Scheme scheme, IReadOnlyList<string> files)
    {
        if (scheme.Composite is not { } spec)
        {
            if (files.Count == 0) return _ => null;
            throw new CliException($"方案 {scheme.Id} 不汇总前期结果，不能使用 --period-results (the scheme has no composite)");
        }
        // Without them the earlier periods' share (seed 003: 70 of 100 points) would silently be 0.
        if (files.Count == 0)
            throw new CliException($"方案 {scheme.Id} 的总分含{spec.Label ?? "前期结果汇总"}（{spec.Periods} 期 {spec.From} 的结果），"
                + $"请用 --period-results 给出这 {spec.Periods} 期 score --format json 的结果文件 (a composite scheme needs --period-results)");
        if (files.Count > spec.Periods)
            throw new CliException($"方案 {scheme.Id} 汇总 {spec.Periods} 期结果，给了 {files.Count} 个文件");
        if (files.Count < spec.Periods)
            ctx.Err.WriteLine($"注意：方案 {scheme.Id} 汇总 {spec.Periods} 期 {spec.From} 的结果，只给了 {files.Count} 期，缺的 {spec.Periods - files.Count} 期按 0 计");
        var periods = files.Select(ReadTotals).ToList();
        return u => new CompositeInput(periods.Select(p => p.TryGetValue(u.UnitId, out var t) ? t : (decimal?)null).ToList());
    }

    private static Dictionary<string, decimal> ReadTotals(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法读取前期结果 {path}：{e.Message}");
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var i = 0;
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
            {
                i++;
                var unit = r.GetProperty("unit").GetString() ?? throw new CliException($"前期结果 {path} 第 {i} 个结果缺少 unit");
                // GetDecimal reads the number's own digits, so a total passes between runs exactly.
                totals[unit] = r.GetProperty("total").GetDecimal();
            }
            return totals;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliException($"前期结果 {path} 不是 score --format json 的结果文件：{ResultsFileProblem.Describe(e)}");
        }
    }

    private static List<UnitResult> ScoreAll(CliContext ctx, IReadOnlyList<UnitFacts> units, Func<UnitFacts, CompositeInput?> earlier)
    {
        var results = new List<UnitResult>(units.Count);
        if (units.Count <= ProgressThreshold)
        {
            foreach (var u in units) results.Add(Scorer.Score(u, earlier(u)));
            return results;
        }
        // Said once in words as well: a pipe or a log shows no bar, and a short run may end before the first redraw.
        ctx.Err.WriteLine($"正在评分 {units.Count} 个单位 (scoring {units.Count} units)…");
        ConsoleOver(ctx.Err).Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask($"评分 scoring {units.Count} 个单位", maxValue: units.Count);
            // Advancing the bar takes a lock; once per batch keeps it off the scoring's path.
            const int batch = 256;
            foreach (var u in units)
            {
                results.Add(Scorer.Score(u, earlier(u)));
                if (results.Count % batch == 0) task.Increment(batch);
            }
            task.Increment(results.Count % batch);
        });
        return results;
    }

    private static IEnumerable<CompiledItem> Applicable(UnitResult r) =>
        r.Scheme.Items.Where(ci => r.Items[ci.Index].Applicable);

    /// <summary>An item's points as they count: its clamped score plus its penalties and bonus.</summary>
    private static decimal ItemPoints(UnitResult r, CompiledItem ci) => r.NodeScores[ci.NodeIndex];

    /// <summary>
    /// The most the unit could score: its applicable items' maxima, and for a composite the share the earlier
    /// periods bring (seed 003's annual: 30 of its own plus 70 from the monthly results, not 30 beside a total of 70).
    /// </summary>
    private static decimal AppliedMax(UnitResult r) => r.ApplicableMax + r.Scheme.CompositeMax;

    private static string ClassName(CompiledScheme s, string id) => s.Scheme.Classes.FirstOrDefault(c => c.Id == id)?.Name ?? id;

    private static string Json(IReadOnlyList<Ranked> ranked)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, TemplateVerb.JsonOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var x in ranked)
            {
                var r = x.Result;
                w.WriteStartObject();
                w.WriteString("unit", r.UnitId);
                w.WriteString("name", r.Facts.Name);
                w.WriteString("class", r.UnitClass);
                // Utf8JsonWriter writes a decimal's own digits (no double in between); normalising drops 2.5000's zeros.
                w.WriteNumber("total", r.Total.Normalized());
                w.WriteString("grade", r.Grade);
                // What the table and CSV show beside the total: the max that applied and why a veto fired.
                w.WriteNumber("applicableMax", AppliedMax(r).Normalized());
                w.WriteStartArray("vetoes");
                foreach (var v in r.Vetoes.Concat(r.VetoZeroes)) w.WriteStringValue(v);
                w.WriteEndArray();
                // Why a grade quota moved the unit (「…优秀名额 2 个…已由排名更前的单位占满，评为良好」).
                w.WriteStartArray("gradeNotes");
                foreach (var n in Explainer.QuotaLines(r)) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteNumber("rank", x.Rank);
                w.WriteNumber("classRank", x.GroupRank);
                w.WriteStartArray("items");
                foreach (var ci in Applicable(r))
                {
                    w.WriteStartObject();
                    w.WriteString("id", ci.Item.Id);
                    w.WriteNumber("score", ItemPoints(r, ci).Normalized());
                    w.WriteNumber("max", ci.Item.Max.Normalized());
                    w.WriteString("explanation", Explainer.Explain(r, ci.Index));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    /// <summary>One row per unit with each item's points; an item that does not apply is left blank.</summary>
    private static string CsvText(CompiledScheme scheme, IReadOnlyList<Ranked> ranked) =>
        Csv.Write([
            ["排名", "类别排名", "单位编码", "单位名称", "单位类别", "总分", "等次", "否决", .. scheme.Items.Select(ci => $"{ci.Item.Id} {ci.Item.Title}")],
            .. ranked.Select(x => (IEnumerable<string?>)[
                x.Rank.ToString(), x.GroupRank.ToString(), x.Result.UnitId, x.Result.Facts.Name, ClassName(scheme, x.Result.UnitClass),
                x.Result.Total.Text(), x.Result.Grade, string.Join("；", x.Result.Vetoes.Concat(x.Result.VetoZeroes)),
                .. scheme.Items.Select(ci => x.Result.Items[ci.Index].Applicable ? ItemPoints(x.Result, ci).Text() : "")]),
        ]);

    /// <summary>
    /// A total for the eye: a normalised total such as 20 × 60 / 54 has 28 decimals, so the table
    /// shows four and marks the rounding with ≈; JSON and CSV keep every digit.
    /// </summary>
    public static string Shown(decimal d)
    {
        var rounded = Math.Round(d, 4, MidpointRounding.AwayFromZero);
        return rounded == d ? d.Text() : $"≈{rounded.Text()}";
    }

    private static void WriteTable(TextWriter writer, CompiledScheme scheme, IReadOnlyList<Ranked> ranked)
    {
        var table = new Table()
            .AddColumn(new TableColumn("排名").RightAligned())
            .AddColumn("单位编码")
            .AddColumn("单位名称")
            .AddColumn("类别")
            .AddColumn(new TableColumn("类别排名").RightAligned())
            .AddColumn(new TableColumn("总分").RightAligned())
            .AddColumn(new TableColumn("适用满分").RightAligned())
            .AddColumn("等次")
            .AddColumn("否决");
        foreach (var x in ranked)
        {
            var r = x.Result;
            table.AddRow(Cell(x.Rank.ToString()), Cell(r.UnitId), Cell(r.Facts.Name), Cell(ClassName(scheme, r.UnitClass)),
                Cell(x.GroupRank.ToString()), Cell(Shown(r.Total)), Cell(AppliedMax(r).Text()), Cell(r.Grade), Cell(string.Join("；", r.Vetoes.Concat(r.VetoZeroes))));
        }
        var console = ConsoleOver(writer);
        console.Write(new Text($"{scheme.Scheme.Title}（{scheme.Scheme.Id}）评分结果：{ranked.Count} 个单位"));
        console.WriteLine();
        console.Write(table);
        // A grade a quota changed reads as a fault beside its total unless the table says why.
        foreach (var x in ranked)
            foreach (var note in Explainer.QuotaLines(x.Result))
            {
                console.WriteLine();
                console.Write(new Text($"{x.Result.Facts.Name ?? x.Result.UnitId}：{note}"));
            }
    }
}
