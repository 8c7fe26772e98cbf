using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Schemes;

/// <summary>Random but loadable schemes, for property tests of the writer, the loader and the engine.</summary>
public static class SchemeGenerator
{
    private static readonly string[] Words = ["组织领导", "宣传教育", "信用承诺", "双公示", "失信治理", "信易贷", "政务公开", "line: with colon", "#不是注释", "'引号'", "yes", "100"];

    public static Scheme Generate(int seed)
    {
        var r = new Random(seed);
        var classes = new[] { new UnitClass("town", "乡镇"), new UnitClass("street", "街道"), new UnitClass("dept", "县直单位") }
            .Take(1 + r.Next(3)).ToList();
        var factNo = 0;
        var nodeNo = 0;
        var grades = new List<GradeBand> { new("优秀", 90), new("良好", 80.5m), new("合格", 60), new("不合格", 0) };

        Item NewItem()
        {
            var id = $"i{++nodeNo}";
            var facts = new List<FactDefinition>();
            string Fact(FactType type, params FactColumn[] columns)
            {
                var key = $"f{++factNo}";
                facts.Add(new FactDefinition(key, $"{Pick(r)}{factNo}", type, r.Next(4) switch { 0 => "unit", 1 => "provider:市人民法院", 2 => "feed:双公示", _ => "survey" }) { Columns = columns });
                return key;
            }
            var max = 1 + r.Next(10) + (r.Next(2) == 0 ? 0.5m : 0);
            var parts = new List<RulePart>();
            var count = 1 + r.Next(3);
            for (var p = 0; p < count; p++)
                parts.Add((RulePart)((r.Next(17)) switch
                {
                    0 => (RulePart)new AllOrNothing(Fact(FactType.Bool), max, r.Next(2) == 0) is var a && factNo % 2 == 1 ? a with { Classes = [classes[0].Id] } : a,
                    1 => new Checklist([new ChecklistEntry(Fact(FactType.Bool), 1, "标语"), new ChecklistEntry(Fact(FactType.Bool), 0.5m, null)]),
                    2 => new Shortfall(Fact(FactType.Count), 4, max, 0.5m, r.Next(2) == 0 ? 1 : 2),
                    3 => new PerOccurrence(Fact(FactType.Count), 1.5m, r.Next(2) == 0 ? max : null),
                    4 => new Deduction(Fact(FactType.Count), max, 0.5m, r.Next(2) == 0 ? 2 : null) is var d && factNo % 3 == 0
                        // Derived, not drawn (as the veto's reach below): lines from one base keep every later scheme as it was.
                        ? new Deduction("", max, 0, d.Cap) { Lines = [new CountLine(d.Fact, 0.5m, null, null, "每次"), new CountLine(d.Fact, 1, 2, null, null)] }
                        : d,
                    5 => new Steps(Fact(FactType.Number), max, 90, 10, 1, r.Next(2) == 0),
                    6 => new Bands(Fact(FactType.Percent), new Interval(0, true, 100, true),
                        [new Band(new Interval(0, true, 50, false), max), new Band(new Interval(50, true, 100, true), 1)], r.Next(2) == 0),
                    7 => new Formula($"min({max.Text()}, 2 * {Fact(FactType.Number)} + 0.5)"),
                    8 => new Split(Fact(FactType.Ledger, new FactColumn("done", "完成", FactType.Bool), new FactColumn("name", "名称", FactType.Text)), max, "done", r.Next(2) == 0),
                    9 => new Manual(Fact(FactType.Judgement)),
                    10 => new Penalty(Fact(FactType.Count), 10, r.Next(2) == 0 ? 20 : null) is var pe && factNo % 2 == 0
                        ? new Penalty("", 0, pe.Cap) { Amount = $"2.5 * {pe.Fact} / max(1, {pe.Fact} - 1)" }
                        : pe,
                    11 => new Bonus(Fact(FactType.Count), 1, 3),
                    13 => new Deduction(Fact(FactType.Ledger, new FactColumn("done", "完成", FactType.Bool), new FactColumn("amount", "金额", FactType.Number)),
                        max, 0.5m, null, r.Next(2) == 0 ? "amount >= 500000 and not done" : "amount in [1, 2, 3] or done"),
                    14 => LedgerRate(Fact(FactType.Ledger, new FactColumn("done", "完成", FactType.Bool)), max, r.Next(2) == 0),
                    15 => new PerRecord(Fact(FactType.Ledger, new FactColumn("level", "级别", FactType.Text), new FactColumn("published", "刊发日期", FactType.Date)),
                        "level", [new ValuePoints("国家级", 3), new ValuePoints("省级", 1.5m)], max, r.Next(2) == 0 ? "year(published) == 2023" : null),
                    16 => new Bands("", new Interval(0, true, Interval.PositiveInfinity, false),
                        [new Band(new Interval(0, true, 50, false), max), new Band(new Interval(50, true, Interval.PositiveInfinity, false), 1)], false)
                        { Expr = $"sum({Fact(FactType.Ledger, new FactColumn("amount", "金额", FactType.Number))}, amount) / 100000" },
                    // The reach is derived, not drawn, so that the random sequence (and every scheme drawn after) stays as it was.
                    _ => new Veto(Fact(FactType.Bool), "不合格", r.Next(2) == 0) is var v && v.Fact.Length % 2 == 0 ? v with { Zeroes = VetoReach.Total } : v,
                } with { Label = r.Next(3) == 0 ? Pick(r) : null }));
            var itemClasses = r.Next(3) == 0 ? [classes[r.Next(classes.Count)].Id] : new List<string>();
            // A part may only be limited to a class its item applies to.
            if (itemClasses.Count > 0)
                for (var k = 0; k < parts.Count; k++)
                    if (parts[k].Classes.Any(c => !itemClasses.Contains(c))) parts[k] = parts[k] with { Classes = [] };
            return new Item
            {
                Id = id,
                No = r.Next(2) == 0 ? nodeNo.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                Title = Pick(r),
                Max = max,
                Classes = itemClasses,
                Units = nodeNo % 5 == 0 ? ["某某局", "u3"] : [],
                IsBonus = r.Next(8) == 0,
                ValidFor = r.Next(5) == 0 ? 4 : null,
                Method = r.Next(2) == 0 ? "材料审核" : null,
                Source = r.Next(2) == 0 ? "受评县区政府提供" : null,
                Wording = r.Next(2) == 0 ? new Wording("评价内容\n第二行", "每开展一次得1.5分，最高得8分", null, "备注: 有冒号") : Wording.Empty,
                Evidence = r.Next(2) == 0 ? [new EvidenceRequirement("会议纪要", EvidenceForm.Document), new EvidenceRequirement("发布链接", EvidenceForm.Link)] : [],
                Facts = facts,
                Rule = parts,
                Note = r.Next(4) == 0 ? "  前后有空格  " : null,
                Resolutions = r.Next(4) == 0 ? [new Resolution("item-max-exceeded", "原文", "本方案", "原因")] : [],
            };
        }

        Category NewCategory(int depth)
        {
            var id = $"c{++nodeNo}";
            var subs = depth < 1 && r.Next(2) == 0 ? Enumerable.Range(0, 1 + r.Next(2)).Select(_ => NewCategory(depth + 1)).ToList() : [];
            var items = Enumerable.Range(0, 1 + r.Next(4)).Select(_ => NewItem()).ToList();
            return new Category
            {
                Id = id,
                Title = Pick(r),
                Max = subs.Sum(s => s.Max) + items.Sum(i => i.Max),
                Categories = subs,
                Items = items,
                Capped = nodeNo % 4 == 0,
                Caps = items.Count >= 2 && nodeNo % 3 == 0 ? [new CapGroup([items[0].Id, items[1].Id], null, 2, "以上两项最高扣2分")] : [],
                Resolutions = r.Next(5) == 0 ? [new Resolution(null, "说明", "做法", "原因")] : [],
            };
        }

        var categories = Enumerable.Range(0, 1 + r.Next(4)).Select(_ => NewCategory(0)).ToList();
        return new Scheme
        {
            Id = $"generated-{seed}",
            Version = 1 + r.Next(3),
            Title = Pick(r),
            Issuer = r.Next(2) == 0 ? "某市信用办" : null,
            Document = r.Next(2) == 0 ? "某信用办〔2026〕1号" : null,
            Period = (PeriodKind)r.Next(3),
            Total = categories.Sum(c => c.Max),
            Classes = classes,
            Grades = r.Next(4) == 0 ? [] : grades,
            Bonus = new BonusPolicy(r.Next(2) == 0 ? 5 : null),
            Penalties = new PenaltyPolicy(r.Next(3) != 0),
            Comparison = r.Next(2) == 0 ? Comparison.AsStated : new Comparison(100),
            Scale = r.Next(3) == 0 ? 0.7m : null,
            RoundingDigits = r.Next(3) == 0 ? 2 : null,
            MissingFact = classes.Count % 2 == 0 ? MissingFactReach.Part : MissingFactReach.Item,
            TieBreak = r.Next(2) == 0 ? [categories[0].Id] : [],
            Composite = r.Next(4) == 0 ? new CompositeSpec("monthly", 9, AggregateKind.Average, 0.7m, "9个月平均") : null,
            Campaign = r.Next(2) == 0 ? new CampaignTemplate
            {
                SelfAssessment = true,
                CommitmentLetter = new CommitmentLetter("信用承诺书", Signer.Provider, "我部门{单位}郑重承诺。\n特此承诺。\n"),
                LiaisonTable = new LiaisonTable("联络员联系表", ["单位", "姓名"]),
                Schedule = [new ScheduleEntry("evidence", "佐证材料", "2023-11-10 17:00")],
                SpotCheckShare = 0.25m,
            } : new CampaignTemplate(),
            Note = r.Next(3) == 0 ? "多行\n说明" : null,
            Categories = categories,
        };
    }

    /// <summary>迟报率 0 得满分: a lower-is-better steps over the share of rows not done.</summary>
    private static Steps LedgerRate(string ledger, decimal max, bool partialUp) =>
        new("", max, 0, 10, 1, partialUp) { Expr = $"count({ledger}, not done) * 100 / max(1, count({ledger}))", LowerIsBetter = true };

    private static readonly string[] Levels = ["国家级", "省级", "县级"];

    private static FactValue Cell(FactColumn c, Random r) => c.Type switch
    {
        FactType.Bool => FactValue.Bool(r.Next(3) != 0),
        FactType.Number => FactValue.Num(r.Next(0, 1000) * 1000),
        FactType.Date => FactValue.Date(new DateOnly(2022, 7, 1).AddDays(r.Next(365))),
        _ => FactValue.OfText(Levels[r.Next(Levels.Length)]),
    };

    public static FactValue RandomValue(FactDefinition f, Random r) => f.Type switch
    {
        FactType.Bool => FactValue.Bool(r.Next(2) == 0),
        FactType.Count => FactValue.Count(r.Next(12)),
        FactType.Number => FactValue.Num(r.Next(-20, 1200) / 10m),
        FactType.Percent => FactValue.Percent(r.Next(0, 1001) / 10m),
        FactType.Judgement => FactValue.OfJudgement(new Judgement(r.Next(0, 4), "评审意见")),
        FactType.Ledger => FactValue.Ledger(Enumerable.Range(0, r.Next(6))
            .Select(_ => new LedgerRow(f.Columns.ToDictionary(c => c.Key, c => Cell(c, r)))).ToList()),
        _ => FactValue.OfText("x"),
    };

    private static string Pick(Random r) => Words[r.Next(Words.Length)];
}
