using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chengxin.Domain.Schemes;

/// <summary>
/// Reads a scheme from YAML text. Strict: unknown keys, wrong types and malformed values are
/// errors naming the file, line and column. Semantic faults that a scheme may still be loaded
/// with (maxima that do not add up, undeclared facts …) are the linter's job, not the loader's.
/// </summary>
public static partial class SchemeLoader
{
    public static Scheme Parse(string yaml, string? file = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SchemeLoadException(file, new SourceSpan((int)e.Start.Line, (int)e.Start.Column),
                $"YAML 语法错误：{e.InnerException?.Message ?? e.Message}", $"YAML syntax error: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 16 reports some unclosed flow collections this way, without a position:
            // point at the bracket that is never closed.
            throw new SchemeLoadException(file, UnclosedBracket(yaml), $"YAML 语法错误（有未闭合的 [ 或 {{）：{e.Message}",
                $"YAML syntax error (an unclosed [ or {{): {e.Message}");
        }
        if (stream.Documents.Count == 0)
            throw new SchemeLoadException(file, new SourceSpan(1, 1), "文件为空", "the file is empty");
        return ReadScheme(new YamlMap(stream.Documents[0].RootNode, file, "方案 scheme"), file);
    }

    /// <summary>Where the last bracket that is never closed opens (quotes and comments skipped).</summary>
    private static SourceSpan UnclosedBracket(string yaml)
    {
        var open = new Stack<SourceSpan>();
        var lines = yaml.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            char? quote = null;
            for (var c = 0; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                if (quote is not null) { if (ch == quote) quote = null; continue; }
                if (ch is '"' or '\'') quote = ch;
                else if (ch == '#' && (c == 0 || char.IsWhiteSpace(lines[l][c - 1]))) break;
                else if (ch is '[' or '{') open.Push(new SourceSpan(l + 1, c + 1));
                else if (ch is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count > 0 ? open.Peek() : new SourceSpan(lines.Length, 1);
    }

    private static Scheme ReadScheme(YamlMap m, string? file)
    {
        var idNode = m.Require("id");
        var id = m.ScalarText(idNode, "id");
        if (!IdPattern().IsMatch(id))
            throw m.Error(idNode, $"方案 id '{id}' 只能包含字母、数字、'-'、'_'、'.'", $"scheme id '{id}' may only contain letters, digits, '-', '_', '.'");

        var scheme = new Scheme
        {
            Id = id,
            Version = m.OptionalInt("version") ?? 1,
            Title = m.String("title"),
            Issuer = m.OptionalString("issuer"),
            Document = m.OptionalString("document"),
            Date = m.OptionalString("date"),
            Period = ReadPeriod(m),
            Total = m.Decimal("total"),
            Classes = m.List("classes").Select(n =>
            {
                var c = new YamlMap(n, file, "单位类别 class");
                var uc = new UnitClass(c.String("id"), c.String("name"));
                c.NoOtherKeys();
                return uc;
            }).ToList(),
            Grades = m.List("grades").Select(n =>
            {
                var g = new YamlMap(n, file, "等次 grade");
                var band = new GradeBand(g.String("name"), g.Decimal("min")) { Quota = ReadQuota(g, file) };
                g.NoOtherKeys();
                return band;
            }).ToList(),
            Blocks = m.List("blocks").Select(n =>
            {
                var b = new YamlMap(n, file, "加权板块 block");
                var block = new WeightedBlock(b.String("label"), b.StringList("categories"), b.Decimal("weight")) { Span = b.Span };
                b.NoOtherKeys();
                return block;
            }).ToList(),
            Vetoes = m.List("vetoes").Select(n =>
            {
                var v = new YamlMap(n, file, "否决 veto");
                var veto = new VetoRule(v.String("fact"), v.String("grade"), v.OptionalString("label"), v.OptionalBool("expect", true)) { Span = v.Span, Zeroes = v.OptionalString("zeroes") };
                v.NoOtherKeys();
                return veto;
            }).ToList(),
            Bonus = ReadBonus(m, file),
            Penalties = ReadPenalties(m, file),
            Comparison = ReadComparison(m, file),
            Scale = m.OptionalDecimal("scale"),
            RoundingDigits = ReadRounding(m, file),
            MissingFact = ReadMissingFact(m),
            TieBreak = m.StringList("tieBreak"),
            Composite = ReadComposite(m, file),
            Range = ReadRange(m, file),
            Campaign = ReadCampaign(m, file),
            Note = m.OptionalString("note"),
            Resolutions = ReadResolutions(m, file),
            Categories = m.List("categories").Select(n => ReadCategory(n, file)).ToList(),
            SourcePath = file,
            Span = m.Span,
        };
        m.NoOtherKeys();
        CheckUniqueIds(scheme, file);
        return scheme;
    }

    private static PeriodKind ReadPeriod(YamlMap m)
    {
        var node = m.Require("period");
        return m.ScalarText(node, "period") switch
        {
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            "year" => PeriodKind.Year,
            "range" => PeriodKind.Range,
            var t => throw m.Error(node, $"period 应为 month、quarter、year 或 range，实为 '{t}'", $"period must be month, quarter, year or range, got '{t}'"),
        };
    }

    private static BonusPolicy ReadBonus(YamlMap m, string? file)
    {
        if (m.Find("bonus") is not { } n) return new BonusPolicy();
        var b = new YamlMap(n, file, "附加分 bonus");
        var policy = new BonusPolicy(b.OptionalDecimal("cap"));
        b.NoOtherKeys();
        return policy;
    }

    private static PenaltyPolicy ReadPenalties(YamlMap m, string? file)
    {
        if (m.Find("penalties") is not { } n) return new PenaltyPolicy();
        var p = new YamlMap(n, file, "倒扣 penalties");
        var policy = new PenaltyPolicy(p.OptionalBool("floorTotalAtZero", true));
        p.NoOtherKeys();
        return policy;
    }

    private static Comparison ReadComparison(YamlMap m, string? file)
    {
        if (m.Find("comparison") is not { } n) return Comparison.AsStated;
        if (n is YamlScalarNode { Value: "asStated" }) return Comparison.AsStated;
        if (n is YamlScalarNode s)
            throw m.Error(n, $"comparison 应为 asStated 或 {{normaliseTo: N}}，实为 '{s.Value}'", $"comparison must be asStated or {{normaliseTo: N}}, got '{s.Value}'");
        var c = new YamlMap(n, file, "比较 comparison");
        var result = new Comparison(c.Decimal("normaliseTo"));
        c.NoOtherKeys();
        return result;
    }

    private static int? ReadRounding(YamlMap m, string? file)
    {
        if (m.Find("rounding") is not { } n) return null;
        var r = new YamlMap(n, file, "舍入 rounding");
        var digits = r.OptionalInt("digits") ?? throw r.Error(n, "rounding 缺少 digits", "rounding is missing digits");
        r.NoOtherKeys();
        return digits;
    }

    private static MissingFactReach ReadMissingFact(YamlMap m) => m.Find("missingFact") is not { } n ? MissingFactReach.Item : m.ScalarText(n, "missingFact") switch
    {
        "item" => MissingFactReach.Item,
        "part" => MissingFactReach.Part,
        var other => throw m.Error(n, $"missingFact 应为 item 或 part，实为 '{other}'", $"missingFact must be item or part, not '{other}'"),
    };

    private static CompositeSpec? ReadComposite(YamlMap m, string? file)
    {
        if (m.Find("composite") is not { } n) return null;
        var c = new YamlMap(n, file, "跨期汇总 composite");
        var aggNode = c.Find("aggregate");
        var agg = aggNode is null ? AggregateKind.Average : c.ScalarText(aggNode, "aggregate") switch
        {
            "average" => AggregateKind.Average,
            "sum" => AggregateKind.Sum,
            var t => throw c.Error(aggNode, $"aggregate 应为 average 或 sum，实为 '{t}'", $"aggregate must be average or sum, got '{t}'"),
        };
        var spec = new CompositeSpec(c.String("from"), c.OptionalInt("periods") ?? throw c.Error(n, "composite 缺少 periods", "composite is missing periods"),
            agg, c.OptionalDecimal("factor") ?? 1m, c.OptionalString("label"));
        c.NoOtherKeys();
        return spec;
    }

    private static DateRange? ReadRange(YamlMap m, string? file)
    {
        if (m.Find("range") is not { } n) return null;
        var r = new YamlMap(n, file, "期间 range");
        var from = ReadDate(r, r.Require("from"), "from");
        var toNode = r.Require("to");
        var to = ReadDate(r, toNode, "to");
        if (to < from)
            throw r.Error(toNode, $"range 的结束日期 {to:yyyy-MM-dd} 早于开始日期 {from:yyyy-MM-dd}", "range ends before it starts");
        r.NoOtherKeys();
        return new DateRange(from, to);
    }

    private static DateOnly ReadDate(YamlMap m, YamlNode node, string key)
    {
        var text = m.ScalarText(node, key);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw m.Error(node, $"'{key}' 应为日期 yyyy-MM-dd，实为 '{text}'", $"'{key}' must be a date yyyy-MM-dd, got '{text}'");
        return d;
    }

    private static CampaignTemplate ReadCampaign(YamlMap m, string? file)
    {
        if (m.Find("campaign") is not { } n) return CampaignTemplate.Empty;
        var c = new YamlMap(n, file, "考评组织 campaign");
        CommitmentLetter? letter = null;
        if (c.Find("commitmentLetter") is { } ln)
        {
            var l = new YamlMap(ln, file, "信用承诺书 commitmentLetter");
            var signerNode = l.Require("signer");
            var signer = ParseEnum<Signer>(l, signerNode, "signer", "unit, provider, both");
            letter = new CommitmentLetter(l.String("title"), signer, l.String("text"));
            l.NoOtherKeys();
        }
        LiaisonTable? liaison = null;
        if (c.Find("liaisonTable") is { } tn)
        {
            var t = new YamlMap(tn, file, "联络员联系表 liaisonTable");
            liaison = new LiaisonTable(t.String("title"), t.StringList("columns"));
            t.NoOtherKeys();
        }
        ReportTemplate? report = null;
        if (c.Find("report") is { } rn)
        {
            var r = new YamlMap(rn, file, "报告模板 report");
            report = new ReportTemplate(r.String("title"), r.StringList("headings"));
            r.NoOtherKeys();
        }
        var share = c.OptionalDecimal("spotCheckShare");
        if (share is < 0 or > 1)
            throw c.Error(n, $"spotCheckShare 应在 0 到 1 之间，实为 {share}", "spotCheckShare must lie between 0 and 1");
        var template = new CampaignTemplate
        {
            SelfAssessment = c.OptionalBool("selfAssessment", false),
            CommitmentLetter = letter,
            LiaisonTable = liaison,
            Report = report,
            Schedule = c.List("schedule").Select(sn =>
            {
                var s = new YamlMap(sn, file, "日程 schedule");
                var entry = new ScheduleEntry(s.String("key"), s.String("label"), s.String("due"));
                s.NoOtherKeys();
                return entry;
            }).ToList(),
            SpotCheckShare = share,
            FollowUp = c.OptionalString("followUp"),
            PublishItemScores = c.OptionalBool("publishItemScores", false),
        };
        c.NoOtherKeys();
        return template;
    }

    private static IReadOnlyList<Resolution> ReadResolutions(YamlMap m, string? file) =>
        m.List("resolutions").Select(n =>
        {
            var r = new YamlMap(n, file, "处理说明 resolution");
            var res = new Resolution(r.OptionalString("code"), r.String("text"), r.String("does"), r.String("why"));
            r.NoOtherKeys();
            return res;
        }).ToList();

    private static Category ReadCategory(YamlNode node, string? file)
    {
        var m = new YamlMap(node, file, "类别 category");
        if (m.Has("rule") || m.Has("facts"))
            throw m.Error(node, "类别不能有 rule 或 facts；评分规则写在指标（items）上", "a category cannot have rule or facts; rules belong to items");
        var category = new Category
        {
            Id = m.String("id"),
            No = m.OptionalString("no"),
            Title = m.String("title"),
            Max = m.Decimal("max"),
            Capped = m.OptionalBool("capped", false),
            Caps = m.List("caps").Select(n => ReadCap(n, file)).ToList(),
            Note = m.OptionalString("note"),
            Resolutions = ReadResolutions(m, file),
            Categories = m.List("categories").Select(n => ReadCategory(n, file)).ToList(),
            Items = m.List("items").Select(n => ReadItem(n, file)).ToList(),
            Span = m.Span,
        };
        m.NoOtherKeys();
        return category;
    }

    /// <summary>「以上三项最高扣5分」: the items it spans and exactly one of `most` and `mostOff`.</summary>
    private static CapGroup ReadCap(YamlNode node, string? file)
    {
        var c = new YamlMap(node, file, "合并上限 cap");
        var itemsNode = c.Require("items");
        var items = c.StringList("items");
        if (items.Count < 2)
            throw c.Error(itemsNode, "合并上限的 items 至少列出两个指标 id", "a cap's items must list at least two item ids");
        var most = c.OptionalDecimal("most");
        var mostOff = c.OptionalDecimal("mostOff");
        if (most is null == mostOff is null)
            throw c.Error(node, "合并上限须写 most（最高得分）或 mostOff（最高扣分）之一", "a cap needs exactly one of most and mostOff");
        if ((most ?? mostOff) < 0)
            throw c.Error(node, "合并上限的分值不能为负", "a cap cannot be negative");
        var cap = new CapGroup(items, most, mostOff, c.OptionalString("label")) { Span = c.Span };
        c.NoOtherKeys();
        return cap;
    }

    private static Item ReadItem(YamlNode node, string? file)
    {
        var m = new YamlMap(node, file, "指标 item");
        var item = new Item
        {
            Id = m.String("id"),
            No = m.OptionalString("no"),
            Title = m.String("title"),
            Max = m.Decimal("max"),
            Classes = m.StringList("classes"),
            IsBonus = m.OptionalBool("bonus", false),
            ValidFor = m.OptionalInt("validFor"),
            Method = m.OptionalString("method"),
            Source = m.OptionalString("source"),
            Wording = ReadWording(m, file),
            Evidence = m.List("evidence").Select(n => ReadEvidence(n, file)).ToList(),
            Facts = m.List("facts").Select(n => ReadFact(n, file)).ToList(),
            Rule = m.List("rule").Select(n => ReadPart(n, file)).ToList(),
            Units = m.StringList("units"),
            Relative = ReadRelative(m, file),
            Note = m.OptionalString("note"),
            Resolutions = ReadResolutions(m, file),
            Span = m.Span,
        };
        m.NoOtherKeys();
        // A rank or a share replaces the item's own rule; an exempt unit's average stands in for a rule that others are scored by.
        if (item.Relative is { Method: not RelativeMethod.Average } && item.Rule.Count > 0)
            throw m.Error(node, $"指标“{item.Title}”按排名或比例计分（relative），不能同时写评分规则 rule", $"item '{item.Title}' is scored relative to other units and cannot also have a rule");
        return item;
    }

    /// <summary>`grades[].quota`: 「优秀等次不超过参评单位的30%」, with the rounding of the seats and the rule for ties at the last seat.</summary>
    private static GradeQuota? ReadQuota(YamlMap g, string? file)
    {
        if (g.Find("quota") is not { } node) return null;
        var q = new YamlMap(node, file, "等次名额 quota");
        var quota = new GradeQuota(
            q.Decimal("share"),
            q.Find("rounding") is { } r ? ParseEnum<QuotaRounding>(q, r, "rounding", "down | up | nearest") : QuotaRounding.Down,
            q.Find("ties") is { } t ? ParseEnum<QuotaTies>(q, t, "ties", "in | out") : QuotaTies.In,
            q.Find("among") is { } a ? ParseEnum<Among>(q, a, "among", "campaign | class") : Among.Campaign) { Span = q.Span };
        q.NoOtherKeys();
        return quota;
    }

    /// <summary>`relative:` on an item: a rank, a share of the best value, or an exempt unit's average (see docs/scheme-format.md).</summary>
    private static RelativeScore? ReadRelative(YamlMap m, string? file)
    {
        if (m.Find("relative") is not { } node) return null;
        var r = new YamlMap(node, file, "相对计分 relative");
        var method = ParseEnum<RelativeMethod>(r, r.Require("method"), "method", "rank | share | average");
        var relative = new RelativeScore(method)
        {
            Among = r.Find("among") is { } a ? ParseEnum<Among>(r, a, "among", "campaign | class") : Among.Campaign,
            Label = r.OptionalString("label"),
            Span = r.Span,
        };
        if (method == RelativeMethod.Average)
            relative = relative with { When = r.String("when") };
        else
        {
            var valueNode = r.Require("value");
            var value = r.ScalarText(valueNode, "value");
            try
            {
                Scoring.FormulaParser.Parse(value);
            }
            catch (Scoring.FormulaException e)
            {
                throw r.Error(valueNode, $"比较值公式错误：{e.Message}", $"value formula error: {e.Message}");
            }
            relative = relative with { Value = value, LowerIsBetter = ReadBetter(r) };
            if (method == RelativeMethod.Rank)
            {
                relative = relative with { First = r.OptionalDecimal("first"), Step = r.OptionalDecimal("step"), Top = r.OptionalInt("top"), Points = r.OptionalDecimal("points") };
                var byStep = relative is { Step: not null, Top: null, Points: null };
                var byTop = relative is { Top: not null, Points: not null, Step: null, First: null };
                if (!byStep && !byTop)
                    throw r.Error(node, "排名计分须写 step（及可选的 first，第一名得分，默认本项满分），或 top 与 points（前几名各得几分），二者选一",
                        "a rank needs step (and optionally first), or top with points, not both");
                if (relative.Top is < 1)
                    throw r.Error(node, "排名计分的 top 应不小于 1", "a rank's top must be at least 1");
                if (relative.Step < 0 || relative.Points < 0 || relative.First < 0)
                    throw r.Error(node, "排名计分的分值不能为负", "a rank's points cannot be negative");
            }
        }
        r.NoOtherKeys();
        return relative;
    }

    private static Wording ReadWording(YamlMap m, string? file)
    {
        if (m.Find("wording") is not { } n) return Wording.Empty;
        var w = new YamlMap(n, file, "原文 wording");
        var wording = new Wording(w.OptionalString("content"), w.OptionalString("scoring"), w.OptionalString("materials"), w.OptionalString("remark"));
        w.NoOtherKeys();
        return wording;
    }

    private static EvidenceRequirement ReadEvidence(YamlNode node, string? file)
    {
        var e = new YamlMap(node, file, "佐证材料 evidence");
        var formNode = e.Require("form");
        var form = ParseEnum<EvidenceForm>(e, formNode, "form", "link, screenshot, document, photo, ledger, data");
        var req = new EvidenceRequirement(e.String("label"), form);
        e.NoOtherKeys();
        return req;
    }

    private static FactDefinition ReadFact(YamlNode node, string? file)
    {
        var f = new YamlMap(node, file, "事实 fact");
        var key = f.String("key");
        if (!FactKeyPattern().IsMatch(key))
            throw f.Error(node, $"事实键 '{key}' 只能以字母开头并包含字母、数字、'_'", $"fact key '{key}' must start with a letter and contain only letters, digits and '_'");
        var type = ParseEnum<FactType>(f, f.Require("type"), "type", "bool, count, number, percent, date, text, ledger, judgement");
        var supplierNode = f.Require("supplier");
        var supplier = f.ScalarText(supplierNode, "supplier");
        if (!IsSupplier(supplier))
            throw f.Error(supplierNode, $"supplier 应为 unit、provider:<部门>、feed:<数据源>、system:<统计项>、survey 或 reviewer，实为 '{supplier}'",
                $"supplier must be unit, provider:<department>, feed:<feed>, system:<kind>, survey or reviewer, got '{supplier}'");
        var columns = f.List("columns").Select(n =>
        {
            var c = new YamlMap(n, file, "台账列 column");
            var col = new FactColumn(c.String("key"), c.String("label"), ParseEnum<FactType>(c, c.Require("type"), "type", "bool, count, number, percent, date, text"));
            c.NoOtherKeys();
            return col;
        }).ToList();
        if (type == FactType.Ledger && columns.Count == 0)
            throw f.Error(node, $"台账事实 '{key}' 须声明 columns", $"ledger fact '{key}' must declare its columns");
        if (type != FactType.Ledger && columns.Count > 0)
            throw f.Error(node, $"只有台账（ledger）事实可以有 columns：'{key}'", $"only ledger facts have columns: '{key}'");
        var fact = new FactDefinition(key, f.String("label"), type, supplier) { Columns = columns, Span = f.Span };
        f.NoOtherKeys();
        return fact;
    }

    private static bool IsSupplier(string s) =>
        s is "unit" or "survey" or "reviewer"
        || (s.StartsWith("provider:", StringComparison.Ordinal) && s.Length > "provider:".Length)
        || (s.StartsWith("feed:", StringComparison.Ordinal) && s.Length > "feed:".Length)
        || (SystemFacts.IsSystem(s) && s.Length > SystemFacts.Prefix.Length);

    private static RulePart ReadPart(YamlNode node, string? file)
    {
        if (node is not YamlMappingNode { Children.Count: 1 } wrapper)
            throw new SchemeLoadException(file, YamlMap.SpanOf(node), "规则的每一部分应写作 { 种类: { 参数 } }，且只有一个种类",
                "each rule part must be written { kind: { parameters } } with exactly one kind");
        var (kindNode, body) = wrapper.Children.First();
        var kind = (kindNode as YamlScalarNode)?.Value ?? "";
        var p = new YamlMap(body, file, $"规则 {kind}");
        RulePart part = kind switch
        {
            "all" => new AllOrNothing(p.String("fact"), p.Decimal("points"), p.OptionalBool("expect", true)),
            "checklist" => new Checklist(p.List("items").Select(n =>
            {
                var e = new YamlMap(n, file, "清单项 checklist item");
                var entry = new ChecklistEntry(e.String("fact"), e.Decimal("points"), e.OptionalString("label"));
                e.NoOtherKeys();
                return entry;
            }).ToList()),
            "shortfall" => new Shortfall(p.String("fact"), p.Decimal("target"), p.Decimal("points"), p.Decimal("per"), p.OptionalDecimal("unit") ?? 1m),
            "perOccurrence" => new PerOccurrence(p.String("fact"), p.Decimal("each"), p.OptionalDecimal("cap"), ReadWhere(p)),
            "deduction" => ReadDeduction(p, file),
            "steps" => new Steps(FactOrExpr(p, out var stepsExpr), p.Decimal("points"), p.Decimal("threshold"), p.Decimal("step"), p.Decimal("per"), ReadPartial(p))
            {
                Expr = stepsExpr,
                LowerIsBetter = ReadBetter(p),
            },
            "perRecord" => ReadPerRecord(p, file),
            "bands" => ReadBands(p, file),
            "formula" => ReadFormula(p),
            "split" => new Split(p.String("fact"), p.Decimal("points"), p.String("done"), ReadWhenEmpty(p)),
            "manual" => new Manual(p.String("fact")),
            "penalty" => ReadPenalty(p, file),
            "bonus" => new Bonus(p.String("fact"), p.Decimal("each"), p.OptionalDecimal("cap"), ReadWhere(p)),
            "veto" => new Veto(p.String("fact"), p.String("grade"), p.OptionalBool("expect", true)) { Zeroes = p.OptionalString("zeroes") },
            _ => throw new SchemeLoadException(file, YamlMap.SpanOf(kindNode), $"未知的规则种类 '{kind}'",
                $"unknown rule part kind '{kind}' (all, checklist, shortfall, perOccurrence, perRecord, deduction, steps, bands, formula, split, manual, penalty, bonus, veto)"),
        };
        part = part with { Label = p.OptionalString("label"), Classes = p.StringList("classes"), Span = YamlMap.SpanOf(kindNode) };
        p.NoOtherKeys();
        return part;
    }

    /// <summary>
    /// A deduction counts one fact (`fact`, `each`, `where`), several lines from one base (`for`), or takes off a varying
    /// `amount`; only an amount may go without `base`, and is then taken off the item's other parts.
    /// </summary>
    private static Deduction ReadDeduction(YamlMap p, string? file)
    {
        var (lines, amount) = (ReadLines(p, file), ReadAmount(p));
        var cap = p.OptionalDecimal("cap");
        if (amount is not null)
        {
            var withBase = p.OptionalDecimal("base");
            return new Deduction("", withBase ?? 0, 0, cap) { Amount = amount, HasBase = withBase is not null };
        }
        if (lines.Count > 0) return new Deduction("", p.Decimal("base"), 0, cap) { Lines = lines };
        return new Deduction(p.String("fact"), p.Decimal("base"), p.Decimal("each"), cap, ReadWhere(p));
    }

    private static Penalty ReadPenalty(YamlMap p, string? file)
    {
        var (lines, amount) = (ReadLines(p, file), ReadAmount(p));
        var cap = p.OptionalDecimal("cap");
        if (amount is not null) return new Penalty("", 0, cap) { Amount = amount };
        if (lines.Count > 0) return new Penalty("", 0, cap) { Lines = lines };
        return new Penalty(p.String("fact"), p.Decimal("each"), cap, ReadWhere(p));
    }

    /// <summary>`for:` lines counted from one base; they stand instead of the part's own fact, each and where.</summary>
    private static IReadOnlyList<CountLine> ReadLines(YamlMap p, string? file)
    {
        if (p.Find("for") is not { } forNode) return [];
        foreach (var own in new[] { "fact", "each", "where", "amount" })
            if (p.Find(own) is { } clash)
                throw p.Error(clash, $"写了 for 的规则不能再写 {own}：每一行自带 fact、each、where", $"a part with `for` cannot also have `{own}`: each line has its own fact, each, where");
        var lines = p.List("for").Select(n =>
        {
            var l = new YamlMap(n, file, "扣分行 for");
            var line = new CountLine(l.String("fact"), l.Decimal("each"), l.OptionalDecimal("cap"), ReadWhere(l), l.OptionalString("label"));
            l.NoOtherKeys();
            return line;
        }).ToList();
        if (lines.Count == 0)
            throw p.Error(forNode, "for 至少要有一行", "`for` needs at least one line");
        return lines;
    }

    /// <summary>`amount:` an expression for an amount that varies (「减除相应得分」); it stands instead of fact, each and where.</summary>
    private static string? ReadAmount(YamlMap p)
    {
        if (p.Find("amount") is not { } node) return null;
        foreach (var own in new[] { "fact", "each", "where" })
            if (p.Find(own) is { } clash)
                throw p.Error(clash, $"写了 amount 的规则不能再写 {own}：扣减数额由 amount 的公式给出", $"a part with `amount` cannot also have `{own}`: the amount formula gives what is taken off");
        var expr = p.ScalarText(node, "amount");
        try
        {
            Scoring.FormulaParser.Parse(expr);
        }
        catch (Scoring.FormulaException e)
        {
            throw p.Error(node, $"公式错误：{e.Message}", $"formula error: {e.Message}");
        }
        return expr;
    }

    private static bool ReadPartial(YamlMap p)
    {
        if (p.Find("partial") is not { } n) return true;
        return p.ScalarText(n, "partial") switch
        {
            "up" => true,
            "down" => false,
            var t => throw p.Error(n, $"partial 应为 up 或 down，实为 '{t}'", $"partial must be up or down, got '{t}'"),
        };
    }

    private static bool ReadWhenEmpty(YamlMap p)
    {
        if (p.Find("whenEmpty") is not { } n) return true;
        return p.ScalarText(n, "whenEmpty") switch
        {
            "full" => true,
            "zero" => false,
            var t => throw p.Error(n, $"whenEmpty 应为 full 或 zero，实为 '{t}'", $"whenEmpty must be full or zero, got '{t}'"),
        };
    }

    private static Formula ReadFormula(YamlMap p)
    {
        var node = p.Require("expr");
        var expr = p.ScalarText(node, "expr");
        try
        {
            Scoring.FormulaParser.Parse(expr);
        }
        catch (Scoring.FormulaException e)
        {
            throw p.Error(node, $"公式错误：{e.Message}", $"formula error: {e.Message}");
        }
        return new Formula(expr) { Description = ReadDescription(p, expr) };
    }

    /// <summary>
    /// A formula's `description` is what users read in its place, so it must be words: not blank, and
    /// naming no fact key (a reader knows 「专用电脑」, not dedicated_computer).
    /// </summary>
    private static string? ReadDescription(YamlMap p, string expr)
    {
        if (p.Find("description") is not { } node) return null;
        var text = p.ScalarText(node, "description").Trim();
        if (text.Length == 0)
            throw p.Error(node, "公式说明 description 不能为空", "a formula's description must not be empty");
        if (Scoring.FormulaParser.FactsIn(expr).FirstOrDefault(k => Regex.IsMatch(text, $@"(?<![A-Za-z0-9_]){Regex.Escape(k)}(?![A-Za-z0-9_])")) is { } key)
            throw p.Error(node, $"公式说明中写了事实键 {key}，请用事实的名称", $"the description names the fact key {key}: use its label");
        if (text == expr.Trim())
            throw p.Error(node, "公式说明不能照抄公式，请用文字说明计分方法", "the description repeats the expression: say the rule in words");
        return text;
    }

    private static Bands ReadBands(YamlMap p, string? file)
    {
        Interval? domain = null;
        if (p.Find("domain") is { } d)
            domain = ParseInterval(p, d);
        var bands = p.List("bands").Select(n =>
        {
            var b = new YamlMap(n, file, "区间 band");
            var band = new Band(ParseInterval(b, b.Require("range")), b.Decimal("points"));
            b.NoOtherKeys();
            return band;
        }).ToList();
        return new Bands(FactOrExpr(p, out var expr), domain, bands, p.OptionalBool("officeDefault", false)) { Expr = expr };
    }

    /// <summary>A `where`: a bool column, or a condition on the record's columns (金额 >= 500000 and 盖章).</summary>
    private static string? ReadWhere(YamlMap p)
    {
        if (p.Find("where") is not { } node) return null;
        var text = p.ScalarText(node, "where");
        try
        {
            Scoring.FormulaParser.ParseCondition(text);
        }
        catch (Scoring.FormulaException e)
        {
            throw p.Error(node, $"条件错误：{e.Message}", $"condition error: {e.Message}");
        }
        return text;
    }

    /// <summary>A part reads either a fact or an expression (迟报率 from a ledger), never both.</summary>
    private static string FactOrExpr(YamlMap p, out string? expr)
    {
        expr = null;
        if (p.Find("expr") is not { } node) return p.String("fact");
        if (p.Find("fact") is { } both)
            throw p.Error(both, "fact 与 expr 只能写一个", "write either fact or expr, not both");
        expr = p.ScalarText(node, "expr");
        try
        {
            Scoring.FormulaParser.Parse(expr);
        }
        catch (Scoring.FormulaException e)
        {
            throw p.Error(node, $"公式错误：{e.Message}", $"formula error: {e.Message}");
        }
        return "";
    }

    private static bool ReadBetter(YamlMap p)
    {
        if (p.Find("better") is not { } n) return false;
        return p.ScalarText(n, "better") switch
        {
            "higher" => false,
            "lower" => true,
            var t => throw p.Error(n, $"better 应为 higher 或 lower，实为 '{t}'", $"better must be higher or lower, got '{t}'"),
        };
    }

    private static PerRecord ReadPerRecord(YamlMap p, string? file)
    {
        var fact = p.String("fact");
        var by = p.String("by");
        var pointsNode = p.Require("points");
        if (pointsNode is not YamlMappingNode map || map.Children.Count == 0)
            throw p.Error(pointsNode, "points 应写作 { 取值: 分值, … }，如 { 国家级: 3, 省级: 2 }", "points must be a mapping { value: points, … }");
        var points = new YamlMap(pointsNode, file, "按取值计分 points");
        var entries = points.Keys.Select(k => new ValuePoints(k, points.Decimal(k))).ToList();
        return new PerRecord(fact, by, entries, p.OptionalDecimal("cap"), ReadWhere(p));
    }

    internal static Interval ParseInterval(YamlMap m, YamlNode node)
    {
        var text = m.ScalarText(node, "range").Trim();
        var match = IntervalPattern().Match(text);
        if (!match.Success)
            throw m.Error(node, $"区间应写作 [a, b]、[a, b)、(a, b] 或 (a, b)，实为 '{text}'", $"an interval must be written [a, b], [a, b), (a, b] or (a, b), got '{text}'");
        var lowOpen = match.Groups["lo"].Value is "-∞" or "-inf";
        var highOpen = match.Groups["hi"].Value is "∞" or "+∞" or "inf" or "+inf";
        if ((lowOpen && match.Groups["l"].Value == "[") || (highOpen && match.Groups["r"].Value == "]"))
            throw m.Error(node, $"无穷端点只能是开区间，如 (-∞, 0] 或 [10, ∞)：'{text}'", $"an infinite edge must be open, e.g. (-∞, 0] or [10, ∞): '{text}'");
        if (match.Groups["lo"].Value is "∞" or "+∞" or "inf" or "+inf" || match.Groups["hi"].Value is "-∞" or "-inf")
            throw m.Error(node, $"区间下限不能是 +∞，上限不能是 -∞：'{text}'", $"an interval cannot start at +∞ or end at -∞: '{text}'");
        var low = lowOpen ? Interval.NegativeInfinity : decimal.Parse(match.Groups["lo"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var high = highOpen ? Interval.PositiveInfinity : decimal.Parse(match.Groups["hi"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (low > high)
            throw m.Error(node, $"区间下限大于上限：'{text}'", $"interval low edge is above its high edge: '{text}'");
        return new Interval(low, match.Groups["l"].Value == "[", high, match.Groups["r"].Value == "]");
    }

    private static T ParseEnum<T>(YamlMap m, YamlNode node, string key, string allowed) where T : struct, Enum
    {
        var text = m.ScalarText(node, key);
        if (text.Length > 0 && char.IsLower(text[0]) && Enum.TryParse<T>(text, ignoreCase: true, out var v) && !int.TryParse(text, out _))
            return v;
        throw m.Error(node, $"'{key}' 应为 {allowed} 之一，实为 '{text}'", $"'{key}' must be one of {allowed}, got '{text}'");
    }

    private static void CheckUniqueIds(Scheme scheme, string? file)
    {
        var ids = new HashSet<string>();
        foreach (var node in scheme.Nodes)
            if (!ids.Add(node.Id))
                throw new SchemeLoadException(file, node.Span, $"节点 id '{node.Id}' 重复", $"node id '{node.Id}' is used twice");
        var keys = new HashSet<string>();
        foreach (var fact in scheme.Facts)
            if (!keys.Add(fact.Key))
                throw new SchemeLoadException(file, fact.Span, $"事实键 '{fact.Key}' 重复声明", $"fact key '{fact.Key}' is declared twice");
        var classes = scheme.Classes.Select(c => c.Id).ToHashSet();
        foreach (var item in scheme.Items)
        {
            foreach (var c in item.Classes)
                if (!classes.Contains(c))
                    throw new SchemeLoadException(file, item.Span, $"指标 '{item.Title}' 引用了未声明的单位类别 '{c}'", $"item '{item.Title}' names undeclared unit class '{c}'");
            foreach (var part in item.Rule)
                foreach (var c in part.Classes)
                    if (!classes.Contains(c) || !item.AppliesTo(c))
                        throw new SchemeLoadException(file, part.Span,
                            classes.Contains(c) ? $"指标 '{item.Title}' 的规则限定于单位类别 '{c}'，但本指标不适用于该类别" : $"指标 '{item.Title}' 的规则引用了未声明的单位类别 '{c}'",
                            classes.Contains(c) ? $"a rule part of item '{item.Title}' is limited to class '{c}', which the item does not apply to" : $"a rule part of item '{item.Title}' names undeclared unit class '{c}'");
        }
        foreach (var category in scheme.Nodes.OfType<Category>())
            foreach (var cap in category.Caps)
            {
                var own = category.AllItems().Select(i => i.Id).ToHashSet();
                foreach (var id in cap.Items)
                    if (!own.Contains(id))
                        throw new SchemeLoadException(file, cap.Span, $"类别 '{category.Title}' 的合并上限引用了不在本类别中的指标 '{id}'",
                            $"a cap of category '{category.Title}' names '{id}', which is not an item of the category");
                if (cap.Items.Distinct().Count() != cap.Items.Count)
                    throw new SchemeLoadException(file, cap.Span, $"类别 '{category.Title}' 的合并上限重复列出了同一指标", $"a cap of category '{category.Title}' lists an item twice");
            }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex FactKeyPattern();

    [GeneratedRegex(@"^(?<l>[\[(])\s*(?<lo>-?\d+(\.\d+)?|[-+]?(∞|inf))\s*,\s*(?<hi>-?\d+(\.\d+)?|[-+]?(∞|inf))\s*(?<r>[\])])$")]
    private static partial Regex IntervalPattern();
}
