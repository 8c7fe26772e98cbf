using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Spectre.Console;
using static Chengxin.Cli.CliContext;

namespace Chengxin.Cli;

/// <summary>scheme list · show · facts · lint.</summary>
public static class SchemeVerbs
{
    public static int List(CliContext ctx)
    {
        var entries = ctx.Catalog.Entries();
        if (entries.Count == 0)
        {
            ctx.Out.WriteLine($"尚无内置方案：{ctx.Catalog.Directory} 下没有 *.yaml (no built-in schemes yet)。");
            ctx.Out.WriteLine("示例方案见 schemes/examples/，可直接用文件路径：./chengxin scheme show schemes/examples/every-part.yaml");
            return ChengxinCli.Ok;
        }
        var table = new Table()
            .AddColumn("方案编号 id")
            .AddColumn(new TableColumn("版本").RightAligned())
            .AddColumn("标题")
            .AddColumn("发布单位")
            .AddColumn("文号")
            .AddColumn("考核期");
        foreach (var e in entries.Where(e => e.Scheme is not null))
        {
            var s = e.Scheme!;
            table.AddRow(Cell(s.Id), Cell(s.Version.ToString()), Cell(s.Title), Cell(s.Issuer), Cell(s.Document), Cell(Period(s)));
        }
        ConsoleOver(ctx.Out).Write(table);
        var broken = entries.Where(e => e.Scheme is null).ToList();
        foreach (var e in broken)
            ctx.Err.WriteLine($"无法读取方案 (cannot load)：{e.Error}");
        ctx.Out.WriteLine($"共 {entries.Count - broken.Count} 个方案" + (broken.Count > 0 ? $"，{broken.Count} 个无法读取" : ""));
        return ChengxinCli.Ok;
    }

    public static string Period(Scheme s) =>
        s.Range is { } r ? $"{RuleText.PeriodName(s.Period)}（{r.From:yyyy-MM-dd} 至 {r.To:yyyy-MM-dd}）" : RuleText.PeriodName(s.Period);

    public static int Show(CliContext ctx, Scheme s)
    {
        var w = ctx.Out;
        w.WriteLine($"{s.Title}（{s.Id}，第 {s.Version} 版）");
        var issued = new[] { Field("发布单位", s.Issuer), Field("文号", s.Document), Field("日期", s.Date) }.Where(x => x is not null);
        if (issued.Any()) w.WriteLine(string.Join("　", issued));
        w.WriteLine($"考核期：{Period(s)}　基础满分：{s.Total.Text()}"
            + (s.Bonus.Cap is decimal cap ? $"　附加分上限：{cap.Text()}" : "")
            + (s.Scale is decimal scale ? $"　总分折算：× {(scale * 100).Text()}%" : "")
            + (s.Comparison.NormaliseTo is decimal to ? $"　跨类别比较：按适用满分折算为 {to.Text()} 分" : ""));
        if (s.Classes.Count > 0)
            w.WriteLine($"单位类别：{string.Join("、", s.Classes.Select(c => $"{c.Name}（{c.Id}）"))}");
        if (s.Grades.Count > 0)
            w.WriteLine($"等次：{string.Join("；", s.Grades.Select(g => $"{g.Name} ≥ {g.Min.Text()}"))}");
        foreach (var v in s.Vetoes)
        {
            // The fact by its label, as everywhere a reader looks; its key is listed by `scheme facts`.
            var fact = s.Facts.FirstOrDefault(f => f.Key == v.Fact)?.Label ?? v.Fact;
            var when = $"{fact} 为“{(v.Expect ? "是" : "否")}”";
            w.WriteLine($"一票否决：{(v.Label is null ? when : $"{v.Label}（{when}）")}→ {v.Grade}{RuleText.VetoReachText(s, v.Zeroes)}");
        }
        if (s.TieBreak.Count > 0)
            w.WriteLine($"总分相同时依次比较：{string.Join("、", s.TieBreak.Select(id => s.Nodes.FirstOrDefault(n => n.Id == id) is { } n ? $"{n.Title}（{id}）" : id))}");
        if (s.Composite is { } comp)
            w.WriteLine($"跨期汇总：{comp.Label ?? comp.From}，{comp.Periods} 期{(comp.Aggregate == AggregateKind.Average ? "平均" : "合计")} × {comp.Factor.Text()}");
        if (s.Note is not null) w.WriteLine($"说明：{s.Note}");
        WriteResolutions(w, s.Resolutions, "");
        foreach (var c in s.Categories)
            WriteCategory(w, s, c, "");
        return ChengxinCli.Ok;
    }

    private static string? Field(string name, string? value) => value is null ? null : $"{name}：{value}";

    private static void WriteCategory(TextWriter w, Scheme s, Category c, string indent)
    {
        w.WriteLine();
        w.WriteLine($"{indent}{Numbered(c.No, c.Title, "、")}（{c.Max.Text()} 分）［{c.Id}］");
        foreach (var cap in RuleText.Caps(c)) w.WriteLine($"{indent}  合并上限：{cap}");
        if (c.Note is not null) w.WriteLine($"{indent}  说明：{c.Note}");
        WriteResolutions(w, c.Resolutions, indent + "  ");
        foreach (var sub in c.Categories)
            WriteCategory(w, s, sub, indent + "  ");
        foreach (var item in c.Items)
            WriteItem(w, s, item, indent + "  ");
    }

    private static void WriteItem(TextWriter w, Scheme s, Item item, string indent)
    {
        var more = indent + "    ";
        w.WriteLine($"{indent}{Numbered(item.No, item.Title, ". ")}（{item.Max.Text()} 分{(item.IsBonus ? "，附加分" : "")}）［{item.Id}］");
        if (item.Method is not null) w.WriteLine($"{more}考察方式：{item.Method}");
        if (item.Source is not null) w.WriteLine($"{more}信息来源：{item.Source}");
        if (item.Evidence.Count > 0)
            w.WriteLine($"{more}需要材料：{string.Join("、", item.Evidence.Select(e => $"{e.Label}（{FormName(e.Form)}）"))}");
        if (item.Wording.Materials is not null) w.WriteLine($"{more}材料要求原文：{item.Wording.Materials}");
        w.WriteLine($"{more}适用：{RuleText.AppliesTo(item, s)}");
        if (item.ValidFor is int k) w.WriteLine($"{more}得分有效期：本期起 {k} 个考核期");
        if (item.Wording.Content is not null) w.WriteLine($"{more}考核内容：{item.Wording.Content}");
        if (item.Wording.Scoring is not null) w.WriteLine($"{more}评分标准原文：{item.Wording.Scoring}");
        w.WriteLine($"{more}评分细则：");
        foreach (var part in item.Rule)
            w.WriteLine($"{more}  · {RuleText.Describe(part, item, s)}");
        if (item.Rule.Any(p => p is not (Penalty or Bonus or Veto)))
            w.WriteLine($"{more}  （合计不低于 0、不超过 {item.Max.Text()} 分）");
        if (item.Wording.Remark is not null) w.WriteLine($"{more}备注：{item.Wording.Remark}");
        if (item.Note is not null) w.WriteLine($"{more}说明：{item.Note}");
        WriteResolutions(w, item.Resolutions, more);
    }

    private static void WriteResolutions(TextWriter w, IReadOnlyList<Resolution> resolutions, string indent)
    {
        foreach (var r in resolutions)
            w.WriteLine($"{indent}已记录的处理{(r.Code is null ? "" : $"［{r.Code}］")}：原文：{r.Text}；处理：{r.Does}；理由：{r.Why}");
    }

    /// <summary>The seed's own numbering when it has one: "一、组织领导", "1. 安排部署".</summary>
    private static string Numbered(string? no, string title, string separator) => no is null ? title : $"{no}{separator}{title}";

    private static string FormName(EvidenceForm form) => form switch
    {
        EvidenceForm.Link => "链接",
        EvidenceForm.Screenshot => "截图",
        EvidenceForm.Document => "文件",
        EvidenceForm.Photo => "照片",
        EvidenceForm.Ledger => "台账",
        EvidenceForm.Data => "数据",
        _ => form.ToString(),
    };

    public static int Facts(CliContext ctx, Scheme s)
    {
        var declaredIn = s.Items.SelectMany(i => i.Facts.Select(f => (f.Key, Item: i))).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Item);
        var definitions = s.Facts.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var table = new Table()
            .AddColumn("指标")
            .AddColumn("事实键 key")
            .AddColumn("名称")
            .AddColumn("类型")
            .AddColumn("提供方")
            .AddColumn("台账列 / 说明");
        foreach (var item in s.Items)
        {
            // An item reads what its rule reads; facts it declares for others (a scheme-level veto) are listed too.
            var keys = item.Rule.SelectMany(p => p.FactsRead).Concat(item.Facts.Select(f => f.Key)).Distinct().ToList();
            foreach (var key in keys)
            {
                var itemCell = $"{item.Id} {item.Title}";
                if (!definitions.TryGetValue(key, out var f))
                {
                    table.AddRow(Cell(itemCell), Cell(key), Cell("（未声明）"), Cell(""), Cell(""), Cell("方案未声明此事实 (not declared)"));
                    continue;
                }
                var notes = new List<string>();
                if (f.Type == FactType.Ledger)
                    notes.Add(string.Join("、", f.Columns.Select(c => $"{c.Key} {c.Label}（{RuleText.TypeName(c.Type)}）")));
                if (f.Type == FactType.Judgement) notes.Add("分值与理由 {points, reason}");
                if (f.Type == FactType.Percent) notes.Add("0–100");
                if (f.Type == FactType.Date) notes.Add("yyyy-MM-dd");
                if (declaredIn.TryGetValue(key, out var owner) && owner.Id != item.Id) notes.Add($"在 {owner.Id} 声明");
                if (!item.Rule.Any(p => p.FactsRead.Contains(key)))
                {
                    var vetoes = s.Vetoes.Where(v => v.Fact == key).ToList();
                    notes.Add(vetoes.Count > 0 ? $"一票否决：{string.Join("、", vetoes.Select(v => $"{v.Label ?? key} → {v.Grade}"))}" : "本项规则不读取");
                }
                table.AddRow(Cell(itemCell), Cell(key), Cell(f.Label), Cell(RuleText.TypeName(f.Type)), Cell(RuleText.SupplierName(f.Supplier)), Cell(string.Join("；", notes)));
            }
        }
        ctx.Out.WriteLine($"{s.Title}（{s.Id}）需要填报的事实 (facts to fill)：");
        ConsoleOver(ctx.Out).Write(table);
        ctx.Out.WriteLine($"共 {definitions.Count} 个事实；facts template 可生成空白事实文件。");
        return ChengxinCli.Ok;
    }

    /// <summary>One finding per line, resolved ones marked as such; exit 1 while an error is unresolved.</summary>
    public static int Lint(CliContext ctx, Scheme s)
    {
        // With the root's holiday calendar, a rule counting working days in a year it lacks is found here, not at scoring.
        var findings = OfficialCalendar.Load(ctx.Root) is { } calendar ? Linter.Lint(s, calendar) : Linter.Lint(s);
        foreach (var f in findings)
            ctx.Out.WriteLine(FindingLine(s, f));
        int Count(LintSeverity severity) => findings.Count(f => f.Severity == severity);
        var openErrors = findings.Count(f => f.Severity == LintSeverity.Error && !f.IsResolved);
        var resolved = findings.Count(f => f.Severity != LintSeverity.Note && f.IsResolved);
        ctx.Out.WriteLine($"{s.Id}：错误 {Count(LintSeverity.Error)} 条，警告 {Count(LintSeverity.Warning)} 条，其中已处理 {resolved} 条；"
            + $"记录的原文解读 {Count(LintSeverity.Note)} 条；"
            + (openErrors == 0 ? "通过 (passed)" : $"未处理的错误 {openErrors} 条，不通过 (failed)"));
        return openErrors == 0 ? ChengxinCli.Ok : ChengxinCli.Findings;
    }

    /// <summary>"错误 category-max-mismatch 一 组织领导「组织领导」（file:12:5）：…", with the recorded resolution when there is one.</summary>
    public static string FindingLine(Scheme s, LintFinding f)
    {
        var severity = f.Severity switch { LintSeverity.Error => "错误", LintSeverity.Warning => "警告", _ => "说明" };
        // A note is itself a recorded reading, so "resolved" would say nothing about it.
        var status = f.IsResolved && f.Severity != LintSeverity.Note ? $"已处理（{severity}）" : severity;
        var title = f.SeedTitle is null ? "" : $"「{f.SeedTitle}」";
        var at = f.Span.Line > 0 ? $"（{s.SourcePath ?? s.Id}:{f.Span}）" : "";
        var line = $"{status} {f.Code} {f.NodePath}{title}{at}：{f.Message}";
        return f.Resolution is { } r ? $"{line} —— 已记录的处理：{r.Does}（原文：{r.Text}；理由：{r.Why}）" : line;
    }
}
