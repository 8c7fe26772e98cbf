namespace Chengxin.Domain.Schemes;

/// <summary>
/// A rule part in plain Chinese words ("每开展一次得 1.5 分，最高 8 分"), so that the CLI, the
/// server and the web show an office the same sentence for the same rule. Pure: it reads only
/// the scheme.
/// </summary>
public static class RuleText
{
    public static string Describe(RulePart part, Item item, Scheme scheme)
    {
        var label = part.Label is null ? "" : $"{part.Label}：";
        if (part.Classes.Count > 0)
            label = $"（{string.Join("、", part.Classes.Select(c => scheme.Classes.FirstOrDefault(k => k.Id == c)?.Name ?? c))}）" + label;
        return label + part switch
        {
            AllOrNothing p => $"{Condition(scheme, p.Fact, p.Expect)}得 {P(p.Points)} 分，否则不得分",
            Checklist p => "下列各项具备一项得相应分值：" + string.Join("、", p.Entries.Select(e =>
                $"{e.Label ?? LabelOf(scheme, e.Fact)} {P(e.Points)} 分")),
            Shortfall p => $"{LabelOf(scheme, p.Fact)}达到 {Value(scheme, p.Fact, p.Target)} 得 {P(p.Points)} 分，"
                + $"每少 {Then(Amount(scheme, p.Fact, p.Unit))}扣 {P(p.Per)} 分"
                + (p.Unit != 1 || !IsWhole(scheme, p.Fact) ? $"（不足 {Then(Amount(scheme, p.Fact, p.Unit))}的按 {Amount(scheme, p.Fact, p.Unit)} 计）" : "")
                + "，扣完为止",
            PerOccurrence p => $"{Then(Each(scheme, p.Fact, p.Where))}得 {P(p.Each)} 分" + (p.Cap is decimal cap ? $"，最高 {P(cap)} 分" : ""),
            Deduction { Amount: { } a } p => (p.HasBase ? $"基础分 {P(p.Base)} 分，扣减" : "从本项得分中扣减") + $"{Scoring.FormulaWords.Of(scheme, a)} 分"
                + (p.Cap is decimal cap ? $"，最多扣 {P(cap)} 分" : "") + "，扣完为止",
            Deduction { Lines.Count: > 0 } p => $"基础分 {P(p.Base)} 分，" + Lines(scheme, p.Lines, "扣")
                + (p.Cap is decimal cap ? $"，合计最多扣 {P(cap)} 分" : "") + "，扣完为止",
            Penalty { Amount: { } a } p => $"倒扣{Scoring.FormulaWords.Of(scheme, a)} 分"
                + (p.Cap is decimal cap ? $"，最多倒扣 {P(cap)} 分" : "") + "（不受本项分值限制）",
            Penalty { Lines.Count: > 0 } p => Lines(scheme, p.Lines, "倒扣")
                + (p.Cap is decimal cap ? $"，合计最多倒扣 {P(cap)} 分" : "") + "（不受本项分值限制）",
            Deduction p => $"基础分 {P(p.Base)} 分，{Then(Each(scheme, p.Fact, p.Where))}扣 {P(p.Each)} 分"
                + (p.Cap is decimal cap ? $"，最多扣 {P(cap)} 分" : "") + "，扣完为止",
            Steps { Expr: { } e } p => $"{Scoring.FormulaWords.Of(scheme, e)}，该值"
                + (p.LowerIsBetter
                    ? $"不高于 {P(p.Threshold)} 得 {P(p.Points)} 分，每高 {P(p.Step)} 扣 {P(p.Per)} 分"
                    : $"达到 {P(p.Threshold)} 得 {P(p.Points)} 分，每低 {P(p.Step)} 扣 {P(p.Per)} 分")
                + (p.PartialStepCounts ? $"（不足 {P(p.Step)} 的按 {P(p.Step)} 计）" : $"（不足 {P(p.Step)} 的不扣）") + "，扣完为止",
            Steps { LowerIsBetter: true } p => $"{LabelOf(scheme, p.Fact)}不高于 {Value(scheme, p.Fact, p.Threshold)} 得 {P(p.Points)} 分，"
                + $"每高 {Then(Amount(scheme, p.Fact, p.Step))}扣 {P(p.Per)} 分"
                + (p.PartialStepCounts
                    ? $"（不足 {Then(Amount(scheme, p.Fact, p.Step))}的按 {Amount(scheme, p.Fact, p.Step)} 计）"
                    : $"（不足 {Then(Amount(scheme, p.Fact, p.Step))}的不扣）")
                + "，扣完为止",
            Steps p => $"{LabelOf(scheme, p.Fact)}达到 {Value(scheme, p.Fact, p.Threshold)} 得 {P(p.Points)} 分，"
                + $"每低 {Then(Amount(scheme, p.Fact, p.Step))}扣 {P(p.Per)} 分"
                + (p.PartialStepCounts
                    ? $"（不足 {Then(Amount(scheme, p.Fact, p.Step))}的按 {Amount(scheme, p.Fact, p.Step)} 计）"
                    : $"（不足 {Then(Amount(scheme, p.Fact, p.Step))}的不扣）")
                + "，扣完为止",
            Bands p => $"按{(p.Expr is { } e ? Scoring.FormulaWords.Of(scheme, e) : LabelOf(scheme, p.Fact))}分区间计分"
                + (p.Domain is Interval d ? $"（取值范围 {Scoring.Explainer.RangeWords(d)}）" : "") + "："
                + string.Join("；", p.Entries.Select(b => $"{Scoring.Explainer.RangeWords(b.Range)}得 {P(b.Points)} 分"))
                + (p.OfficeDefault ? "（默认区间，信用办可调整）" : ""),
            PerRecord p => $"{LabelOf(scheme, p.Fact)}中"
                + (p.Where is { } w ? $"{Scoring.FormulaWords.OfCondition(scheme, p.Fact, w)}的" : "")
                + $"每条记录按“{ColumnLabel(scheme, p.Fact, p.By)}”计分："
                + string.Join("、", p.Points.Select(e => $"{e.Value} {P(e.Points)} 分"))
                + (p.Cap is decimal cap ? $"，最高 {P(cap)} 分" : ""),
            // The scheme's words for the rule; without them the expression paraphrased, never its source.
            Formula p => p.Description ?? $"按公式计分：{Scoring.FormulaWords.Of(scheme, p.Expression)}",
            Split p => $"{P(p.Points)} 分按{LabelOf(scheme, p.Fact)}的记录条数平均分配，"
                + $"每条“{ColumnLabel(scheme, p.Fact, p.Done)}”为“是”的记录得 {P(p.Points)} ÷ 总条数 分；"
                + (p.FullWhenEmpty ? "没有记录时得满分" : "没有记录时不得分"),
            Manual p => $"由评审人员在 0 至 {P(item.Max)} 分之间评定，须说明理由（{LabelOf(scheme, p.Fact)}）",
            Penalty p => $"{Then(Each(scheme, p.Fact, p.Where))}倒扣 {P(p.Each)} 分"
                + (p.Cap is decimal cap ? $"，最多倒扣 {P(cap)} 分" : "") + "（不受本项分值限制）",
            Bonus p => $"{Then(Each(scheme, p.Fact, p.Where))}加 {P(p.Each)} 分"
                + (p.Cap is decimal cap ? $"，最多加 {P(cap)} 分" : "") + "，计入附加分",
            Veto p => $"{Condition(scheme, p.Fact, p.Expect)}一票否决，直接定为“{p.Grade}”{VetoReachText(scheme, p.Zeroes)}",
            _ => part.Kind,
        };
    }

    /// <summary>「每有一条…的记录扣 1 分（最多 3 分）；每有一条…扣 2 分」: the lines of a deduction or penalty with `for:`.</summary>
    private static string Lines(Scheme scheme, IReadOnlyList<CountLine> lines, string verb) =>
        string.Join("；", lines.Select(l => $"{Then(Each(scheme, l.Fact, l.Where))}{verb} {P(l.Each)} 分" + (l.Cap is decimal c ? $"（最多 {P(c)} 分）" : "")));

    /// <summary>
    /// A category's caps in words: 「本类得分以 10 分封顶」 for a capped category, 「以上三项最高扣5分：通报批评、约谈提醒、问责处理
    /// 合计最多扣 5 分」 for a cap across items.
    /// </summary>
    public static IReadOnlyList<string> Caps(Category category)
    {
        var lines = new List<string>();
        if (category.Capped) lines.Add($"本类得分以 {P(category.Max)} 分封顶（超出部分不计）");
        foreach (var g in category.Caps)
        {
            var titles = string.Join("、", g.Items.Select(id => category.AllItems().FirstOrDefault(i => i.Id == id)?.Title ?? id));
            var rule = g.Most is decimal most ? $"{titles}合计最多得 {P(most)} 分" : $"{titles}合计最多扣 {P(g.MostOff!.Value)} 分（含倒扣）";
            lines.Add(g.Label is null ? rule : $"{g.Label}：{rule}");
        }
        return lines;
    }

    /// <summary>
    /// Which units need a fact when not every unit does: 「仅乡镇填写」 when every part that reads it is limited to some classes
    /// (seed 000's 双公示 is not asked of a community), 「仅责任单位（…）填写」 when every item that reads it names its units;
    /// null when any unit may need it.
    /// </summary>
    public static string? OnlyFor(Scheme scheme, string factKey)
    {
        var readers = scheme.Items.SelectMany(i => i.Rule.Select(p => (Item: i, Part: p))).Where(x => x.Part.FactsRead.Contains(factKey)).ToList();
        if (readers.Count == 0) return null;
        if (readers.All(x => x.Item.Units.Count > 0))
            return $"仅责任单位（{string.Join("、", readers.SelectMany(x => x.Item.Units).Distinct())}）填写";
        var classes = readers.Select(x => x.Part.Classes.Count > 0 ? x.Part.Classes : x.Item.Classes).ToList();
        if (classes.Any(c => c.Count == 0)) return null;
        var names = scheme.Classes.Where(c => classes.Any(list => list.Contains(c.Id))).Select(c => c.Name).ToList();
        return names.Count == scheme.Classes.Count ? null : $"仅{string.Join("、", names)}填写";
    }

    /// <summary>Who an item applies to: 「全部单位类别」, its classes, and a responsibility list's named units.</summary>
    public static string AppliesTo(Item item, Scheme scheme) =>
        (item.Classes.Count == 0 ? "全部单位类别" : string.Join("、", item.Classes.Select(id => scheme.Classes.FirstOrDefault(c => c.Id == id)?.Name ?? id)))
        + (item.Units.Count > 0 ? $"中的责任单位：{string.Join("、", item.Units)}" : "");

    /// <summary>A fact type as an office calls it.</summary>
    public static string TypeName(FactType type) => type switch
    {
        FactType.Bool => "是/否",
        FactType.Count => "次数",
        FactType.Number => "数值",
        FactType.Percent => "百分比",
        FactType.Date => "日期",
        FactType.Text => "文本",
        FactType.Ledger => "台账",
        FactType.Judgement => "评审意见",
        _ => type.ToString(),
    };

    /// <summary>Who supplies a fact, in words: "provider:市司法局" → "数据提供部门：市司法局".</summary>
    /// <summary>What a veto takes beyond the grade, in words: 「，总分计0分」 or 「，“政务诚信”得分计0分」.</summary>
    public static string VetoReachText(Scheme scheme, string? zeroes) => zeroes switch
    {
        null => "",
        VetoReach.Total => "，总分计0分",
        _ => $"，“{scheme.Nodes.FirstOrDefault(n => n.Id == zeroes)?.Title ?? zeroes}”得分计0分",
    };

    public static string SupplierName(string supplier) => supplier switch
    {
        "unit" => "受评单位",
        "survey" => "问卷测评",
        "reviewer" => "评审人员",
        _ when supplier.StartsWith("provider:", StringComparison.Ordinal) => $"数据提供部门：{supplier["provider:".Length..]}",
        _ when supplier.StartsWith("feed:", StringComparison.Ordinal) => $"监测数据：{supplier["feed:".Length..]}",
        _ when SystemFacts.KindOf(supplier) is { } kind => $"系统统计：{SystemFacts.Name(kind)}",
        _ => supplier,
    };

    public static string PeriodName(PeriodKind period) => period switch
    {
        PeriodKind.Month => "月度",
        PeriodKind.Quarter => "季度",
        PeriodKind.Year => "年度",
        PeriodKind.Range => "指定期间",
        _ => period.ToString(),
    };

    private static string P(decimal d) => d.Text();

    private static FactDefinition? Find(Scheme scheme, string key) => scheme.Facts.FirstOrDefault(f => f.Key == key);

    // A rule may read a fact nobody declared (the linter reports it); its key then stands in for the label.
    private static string LabelOf(Scheme scheme, string key) => Find(scheme, key)?.Label ?? key;

    private static string ColumnLabel(Scheme scheme, string fact, string column) =>
        Find(scheme, fact)?.Columns.FirstOrDefault(c => c.Key == column)?.Label ?? column;

    private static bool IsWhole(Scheme scheme, string key) => Find(scheme, key)?.Type is FactType.Count or FactType.Ledger;

    /// <summary>A value of the fact as written in a seed: 90% for a percentage, 4 otherwise.</summary>
    private static string Value(Scheme scheme, string key, decimal v) =>
        Find(scheme, key)?.Type == FactType.Percent ? $"{P(v)}%" : P(v);

    /// <summary>A difference of the fact: "10 个百分点" for a percentage, "1 次" for a count.</summary>
    private static string Amount(Scheme scheme, string key, decimal v) => Find(scheme, key)?.Type switch
    {
        FactType.Percent => $"{P(v)} 个百分点",
        FactType.Count when Measure(LabelOf(scheme, key)) is { } m => $"{P(v)} {m}",
        FactType.Ledger => $"{P(v)} 条",
        _ => P(v),
    };

    /// <summary>
    /// The measure word a count's label ends in, so a rule reads "被投诉次数每 1 次", "篇数每 1 篇",
    /// "项数每 1 项"; a label such as 企业数 names no measure and gets none.
    /// </summary>
    private static string? Measure(string label) =>
        label.Length >= 2 && label[^1] == '数' && "次篇项件起家户人个条例所".Contains(label[^2], StringComparison.Ordinal) ? label[^2].ToString() : null;

    /// <summary>A space before the next word when the amount ends in a digit: "每低 10 扣", "每少 1 次扣".</summary>
    private static string Then(string amount) => char.IsAsciiDigit(amount[^1]) ? amount + " " : amount;

    /// <summary>"成立领导小组为“是”时" / "被投诉次数为 0 时".</summary>
    private static string Condition(Scheme scheme, string key, bool expect) => Find(scheme, key)?.Type switch
    {
        FactType.Ledger => expect ? $"{LabelOf(scheme, key)}有记录时" : $"{LabelOf(scheme, key)}没有记录时",
        FactType.Bool or null => $"{LabelOf(scheme, key)}为“{(expect ? "是" : "否")}”时",
        _ => expect ? $"{LabelOf(scheme, key)}大于 0 时" : $"{LabelOf(scheme, key)}为 0 时",
    };

    /// <summary>How one occurrence is counted: a ledger's row, a count's unit, a true bool.</summary>
    private static string Each(Scheme scheme, string key, string? where)
    {
        var label = LabelOf(scheme, key);
        return Find(scheme, key)?.Type switch
        {
            FactType.Ledger when where is not null && !Scoring.FormulaParser.IsBareColumn(where) => $"{label}中每有一条{Scoring.FormulaWords.OfCondition(scheme, key, where)}的记录",
            FactType.Ledger when where is not null => $"{label}中每有一条“{ColumnLabel(scheme, key, where)}”为“是”的记录",
            FactType.Ledger => $"{label}每有一条记录",
            FactType.Bool => $"{label}为“是”时",
            FactType.Count when Measure(label) is { } m => $"{label}每 1 {m}",
            _ => $"{label}每 1",
        };
    }
}
