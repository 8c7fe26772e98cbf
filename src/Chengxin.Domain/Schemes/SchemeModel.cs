namespace Chengxin.Domain.Schemes;

/// <summary>Which span of time one campaign of a scheme covers.</summary>
public enum PeriodKind { Month, Quarter, Year, Range }

/// <summary>The value type of a fact.</summary>
public enum FactType { Bool, Count, Number, Percent, Date, Text, Ledger, Judgement }

/// <summary>The form a piece of evidence takes.</summary>
public enum EvidenceForm { Link, Screenshot, Document, Photo, Ledger, Data }

/// <summary>Where a source position in a scheme file is, for error messages and lint findings.</summary>
public readonly record struct SourceSpan(int Line, int Column)
{
    public static readonly SourceSpan None = new(0, 0);
    public override string ToString() => Line > 0 ? $"{Line}:{Column}" : "?";
}

/// <summary>
/// An indicator system (评价指标体系): an immutable tree of categories and items with
/// the scheme-level policies that turn item scores into a total, a grade and a rank.
/// </summary>
public sealed record Scheme
{
    public required string Id { get; init; }
    public int Version { get; init; } = 1;
    public required string Title { get; init; }
    public string? Issuer { get; init; }
    public string? Document { get; init; }
    public string? Date { get; init; }
    public PeriodKind Period { get; init; } = PeriodKind.Year;
    public decimal Total { get; init; }
    public IReadOnlyList<UnitClass> Classes { get; init; } = [];
    public IReadOnlyList<GradeBand> Grades { get; init; } = [];
    /// <summary>Weighted blocks (共性指标与个性指标按7:3加权): each block's points over its applicable max × its weight; empty: no weighting.</summary>
    public IReadOnlyList<WeightedBlock> Blocks { get; init; } = [];
    public IReadOnlyList<VetoRule> Vetoes { get; init; } = [];
    public BonusPolicy Bonus { get; init; } = new();
    public PenaltyPolicy Penalties { get; init; } = new();
    public Comparison Comparison { get; init; } = Comparison.AsStated;
    public decimal? Scale { get; init; }
    public int? RoundingDigits { get; init; }
    /// <summary>What a missing fact zeroes: the whole item (default, as the seeds read) or only the part that reads it.</summary>
    public MissingFactReach MissingFact { get; init; } = MissingFactReach.Item;
    public IReadOnlyList<string> TieBreak { get; init; } = [];
    public CompositeSpec? Composite { get; init; }
    /// <summary>The fixed span of a `range` period (seed 001: 2022-07-01..2023-06-30).</summary>
    public DateRange? Range { get; init; }
    /// <summary>What a campaign of this scheme collects besides facts: letters, contacts, reports, schedule.</summary>
    public CampaignTemplate Campaign { get; init; } = CampaignTemplate.Empty;
    public string? Note { get; init; }
    public IReadOnlyList<Resolution> Resolutions { get; init; } = [];
    public IReadOnlyList<Category> Categories { get; init; } = [];
    /// <summary>The file the scheme was loaded from, if any (not saved).</summary>
    public string? SourcePath { get; init; }
    public SourceSpan Span { get; init; }

    /// <summary>Every item in document order.</summary>
    public IEnumerable<Item> Items => Categories.SelectMany(c => c.AllItems());

    /// <summary>Every node (categories and items) in document order.</summary>
    public IEnumerable<SchemeNode> Nodes => Categories.SelectMany(c => c.AllNodes());

    /// <summary>Every fact declared by an item, in document order.</summary>
    public IEnumerable<FactDefinition> Facts => Items.SelectMany(i => i.Facts);
}

/// <summary>How far a missing fact reaches: `missingFact: item` (the item scores 0) or `part` (only the part that reads it).</summary>
public enum MissingFactReach { Item, Part }

public sealed record UnitClass(string Id, string Name);

/// <summary>A grade whose lower edge is inclusive: the first band with Min ≤ total is the grade.</summary>
public sealed record GradeBand(string Name, decimal Min)
{
    /// <summary>「优秀等次不超过参评单位的30%」: at most this share of the units take the grade, by rank; the rest drop to the next grade.</summary>
    public GradeQuota? Quota { get; init; }
}

/// <summary>Which units a relative score or a grade quota compares a unit with: every unit of the campaign, or those of its class.</summary>
public enum Among { Campaign, Class }

/// <summary>How a quota's seat count (units × share) is rounded to whole units.</summary>
public enum QuotaRounding { Down, Up, Nearest }

/// <summary>Units tied at a quota's last seat: all take the grade (`in`), or none of them does (`out`).</summary>
public enum QuotaTies { In, Out }

/// <summary>A grade's quota: at most <see cref="Share"/> % of the participating units (of the campaign or of each class).</summary>
public sealed record GradeQuota(decimal Share, QuotaRounding Rounding, QuotaTies Ties, Among Among)
{
    public SourceSpan Span { get; init; }
}

/// <summary>A block of top-level categories whose points count as a share of the total (共性指标 70 分、个性指标 30 分).</summary>
public sealed record WeightedBlock(string Label, IReadOnlyList<string> Categories, decimal Weight)
{
    public SourceSpan Span { get; init; }
}

/// <summary>A fact that forces a grade whatever the points (一票否决 / 直接列入黄名单).</summary>
public sealed record VetoRule(string Fact, string Grade, string? Label, bool Expect = true)
{
    public SourceSpan Span { get; init; }
    /// <summary>What else the veto takes away besides the grade: <see cref="VetoReach.Total"/>, a category's id, or null (the grade only).</summary>
    public string? Zeroes { get; init; }
}

/// <summary>The reach of a veto (一票否决) beyond the grade.</summary>
public static class VetoReach
{
    /// <summary>`zeroes: total`: the unit's total is 0 (「实行一票否决，总分计0分」).</summary>
    public const string Total = "total";
}

public sealed record BonusPolicy(decimal? Cap = null);

public sealed record PenaltyPolicy(bool FloorTotalAtZero = true);

/// <summary>How totals compare across classes whose applicable maxima differ.</summary>
public sealed record Comparison(decimal? NormaliseTo)
{
    public static readonly Comparison AsStated = new((decimal?)null);
}

public enum AggregateKind { Average, Sum }

/// <summary>A total that includes the results of earlier periods (seed 003: annual from nine months).</summary>
public sealed record CompositeSpec(string From, int Periods, AggregateKind Aggregate, decimal Factor, string? Label);

public sealed record DateRange(DateOnly From, DateOnly To);

public enum Signer { Unit, Provider, Both }

/// <summary>The signed pledge (信用承诺书) a unit or provider renders, accepts and uploads stamped.</summary>
public sealed record CommitmentLetter(string Title, Signer Signer, string Text);

/// <summary>The liaison contact table (联络员联系表): its title and column headings.</summary>
public sealed record LiaisonTable(string Title, IReadOnlyList<string> Columns);

/// <summary>A report a unit writes each period under fixed headings (seed 003 附件1).</summary>
public sealed record ReportTemplate(string Title, IReadOnlyList<string> Headings);

/// <summary>A deadline as the notice states it; `Due` is kept as written (a date-time in Asia/Shanghai, or a rule such as 每月23日前).</summary>
public sealed record ScheduleEntry(string Key, string Label, string Due);

public sealed record CampaignTemplate
{
    public static readonly CampaignTemplate Empty = new();
    public bool SelfAssessment { get; init; }
    public CommitmentLetter? CommitmentLetter { get; init; }
    public LiaisonTable? LiaisonTable { get; init; }
    public ReportTemplate? Report { get; init; }
    public IReadOnlyList<ScheduleEntry> Schedule { get; init; } = [];
    /// <summary>Share of units drawn for a spot check (抽查), 0–1, if the notice sets one.</summary>
    public decimal? SpotCheckShare { get; init; }
    /// <summary>How results are used and followed up, in the notice's words.</summary>
    public string? FollowUp { get; init; }
    /// <summary>Whether the public results show each item's score; otherwise only totals, grades and ranks are published.</summary>
    public bool PublishItemScores { get; init; }
}

/// <summary>How a scheme resolved an ambiguity or a fault of its source text.</summary>
public sealed record Resolution(string? Code, string Text, string Does, string Why);

/// <summary>The seed's own words for an item, kept verbatim.</summary>
public sealed record Wording(string? Content, string? Scoring, string? Materials, string? Remark)
{
    public static readonly Wording Empty = new(null, null, null, null);
}

public sealed record EvidenceRequirement(string Label, EvidenceForm Form);

public abstract record SchemeNode
{
    public required string Id { get; init; }
    public string? No { get; init; }
    public required string Title { get; init; }
    public decimal Max { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<Resolution> Resolutions { get; init; } = [];
    public SourceSpan Span { get; init; }
}

public sealed record Category : SchemeNode
{
    /// <summary>`capped: true`: the category's `max` is a real cap on its items' points (「本类最高得20分」), not only a check.</summary>
    public bool Capped { get; init; }
    /// <summary>Caps that span several of the category's items (「以上三项最高扣5分」).</summary>
    public IReadOnlyList<CapGroup> Caps { get; init; } = [];
    public IReadOnlyList<Category> Categories { get; init; } = [];
    public IReadOnlyList<Item> Items { get; init; } = [];

    /// <summary>Direct children in document order: subcategories first as written, then items.</summary>
    public IEnumerable<SchemeNode> Children => Categories.Cast<SchemeNode>().Concat(Items);

    /// <summary>Items in document order: subcategories first, as written and compiled, then the category's own items.</summary>
    public IEnumerable<Item> AllItems() => Categories.SelectMany(c => c.AllItems()).Concat(Items);

    public IEnumerable<SchemeNode> AllNodes()
    {
        yield return this;
        foreach (var c in Categories)
            foreach (var n in c.AllNodes())
                yield return n;
        foreach (var i in Items)
            yield return i;
    }
}

public sealed record Item : SchemeNode
{
    /// <summary>Classes the item applies to; empty means every class of the scheme.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];
    /// <summary>A 附加分 item: its max is outside the stated total and its points go to the bonus.</summary>
    public bool IsBonus { get; init; }
    /// <summary>How many periods (this one included) the item's points stay valid.</summary>
    public int? ValidFor { get; init; }
    public string? Method { get; init; }
    public string? Source { get; init; }
    public Wording Wording { get; init; } = Wording.Empty;
    public IReadOnlyList<EvidenceRequirement> Evidence { get; init; } = [];
    public IReadOnlyList<FactDefinition> Facts { get; init; } = [];
    public IReadOnlyList<RulePart> Rule { get; init; } = [];
    /// <summary>A responsibility list (责任单位): the units, by name or id, the item applies to; empty means every unit of its classes.</summary>
    public IReadOnlyList<string> Units { get; init; } = [];
    /// <summary>A score relative to other units (排名计分、占最高值比例、容缺项按平均得分), settled once every unit is scored.</summary>
    public RelativeScore? Relative { get; init; }

    /// <summary>Whether the item applies to a class; an item with a responsibility list applies to the named units of it only (<see cref="AppliesTo(string, string, string?)"/>).</summary>
    public bool AppliesTo(string unitClass) => Classes.Count == 0 || Classes.Contains(unitClass);

    /// <summary>Whether the item applies to one unit: its class, and when the item names its units, the unit's name or id among them.</summary>
    public bool AppliesTo(string unitClass, string unitId, string? unitName) =>
        AppliesTo(unitClass) && (Units.Count == 0 || Units.Contains(unitId) || (unitName is not null && Units.Contains(unitName)));
}

/// <summary>How a relative item is scored against the other units.</summary>
public enum RelativeMethod
{
    /// <summary>By rank of the unit's value: 「第一名得满分，其后每名次减0.5分」 or 「前三名加2分」.</summary>
    Rank,
    /// <summary>「得分=本单位值÷最高值×分值」 (lower is better: 最低值÷本单位值×分值).</summary>
    Share,
    /// <summary>「容缺项按全县平均得分计」: an exempt unit takes the average of the other units' scores for the item.</summary>
    Average,
}

/// <summary>
/// An item scored against the other units (two-pass scoring): the unit's value (an expression over its facts) is read
/// when the unit is scored; its points are settled by <see cref="Scoring.CampaignScoring.Finish"/> over every unit.
/// </summary>
public sealed record RelativeScore(RelativeMethod Method)
{
    /// <summary>The value compared (rank, share): an expression in the formula language.</summary>
    public string? Value { get; init; }
    public bool LowerIsBetter { get; init; }
    public Among Among { get; init; }
    /// <summary>Rank: the points of the first place (default the item's max) and what each further place loses.</summary>
    public decimal? First { get; init; }
    public decimal? Step { get; init; }
    /// <summary>Rank: the places that earn <see cref="Points"/> (「前三名加2分」).</summary>
    public int? Top { get; init; }
    public decimal? Points { get; init; }
    /// <summary>Average: the bool fact that marks the item exempt (容缺) for the unit.</summary>
    public string? When { get; init; }
    public string? Label { get; init; }
    public SourceSpan Span { get; init; }

    /// <summary>The facts the relative score reads.</summary>
    public IEnumerable<string> FactsRead =>
        Method == RelativeMethod.Average ? (When is null ? [] : [When]) : Value is null ? [] : Scoring.FormulaParser.FactsIn(Value);
}

/// <summary>
/// A cap that spans several items of one category: `most` caps their points together (「以上三项最高得5分」),
/// `mostOff` what they lose together, from their maxima and by 倒扣 (「以上三项最高扣5分」).
/// </summary>
public sealed record CapGroup(IReadOnlyList<string> Items, decimal? Most, decimal? MostOff, string? Label)
{
    public SourceSpan Span { get; init; }
}

public sealed record FactColumn(string Key, string Label, FactType Type);

public sealed record FactDefinition(string Key, string Label, FactType Type, string Supplier)
{
    public IReadOnlyList<FactColumn> Columns { get; init; } = [];
    public SourceSpan Span { get; init; }
}

/// <summary>An interval over decimals; a square bracket includes its edge; an edge may be open-ended (∞).</summary>
public readonly record struct Interval(decimal Low, bool LowInclusive, decimal High, bool HighInclusive)
{
    /// <summary>Stands for −∞: no fact value reaches decimal's extremes.</summary>
    public static readonly decimal NegativeInfinity = decimal.MinValue;
    public static readonly decimal PositiveInfinity = decimal.MaxValue;

    public bool Contains(decimal v) =>
        (LowInclusive ? v >= Low : v > Low) && (HighInclusive ? v <= High : v < High);

    public override string ToString() =>
        $"{(LowInclusive ? '[' : '(')}{(Low == NegativeInfinity ? "-∞" : Low.Text())}, {(High == PositiveInfinity ? "∞" : High.Text())}{(HighInclusive ? ']' : ')')}";
}

public sealed record Band(Interval Range, decimal Points);

/// <summary>One part of a rule; an item's score is the sum of its parts.</summary>
public abstract record RulePart
{
    public string? Label { get; init; }
    public SourceSpan Span { get; init; }
    /// <summary>The kind's name as written in a scheme file.</summary>
    public abstract string Kind { get; }
    /// <summary>The facts this part reads.</summary>
    public abstract IEnumerable<string> FactsRead { get; }
    /// <summary>The unit classes the part applies to (社区按另一口径计分); empty: every class the item applies to.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public bool AppliesTo(string unitClass) => Classes.Count == 0 || Classes.Contains(unitClass);
}

/// <summary>One counted line of a deduction or penalty with several (「每笔扣1分，50万元以上每笔扣2分」): each taken from the part's one base.</summary>
public sealed record CountLine(string Fact, decimal Each, decimal? Cap, string? Where, string? Label);

/// <summary>成立得1分，不成立不得分.</summary>
public sealed record AllOrNothing(string Fact, decimal Points, bool Expect = true) : RulePart
{
    public override string Kind => "all";
    public override IEnumerable<string> FactsRead => [Fact];
}

public sealed record ChecklistEntry(string Fact, decimal Points, string? Label);

/// <summary>张贴标语1分 + 宣传栏1分 + ….</summary>
public sealed record Checklist(IReadOnlyList<ChecklistEntry> Entries) : RulePart
{
    public override string Kind => "checklist";
    public override IEnumerable<string> FactsRead => Entries.Select(e => e.Fact);
}

/// <summary>会议不少于4次得2分，每少1次扣0.5分.</summary>
public sealed record Shortfall(string Fact, decimal Target, decimal Points, decimal Per, decimal Unit = 1) : RulePart
{
    public override string Kind => "shortfall";
    public override IEnumerable<string> FactsRead => [Fact];
}

/// <summary>每开展一次得1.5分，最高得8分. `Where` is a condition on a ledger's records (a bool column, or e.g. `amount >= 500000`).</summary>
public sealed record PerOccurrence(string Fact, decimal Each, decimal? Cap, string? Where = null) : RulePart
{
    public override string Kind => "perOccurrence";
    public override IEnumerable<string> FactsRead => [Fact];
}

/// <summary>被投诉1次扣0.5分，扣完为止; 每条扣0.5分，最高扣7.5分.</summary>
/// <remarks>With <see cref="Lines"/> (「每笔扣1分，50万元以上每笔扣2分，扣完为止」) every line is taken from the one base down to
/// the one floor, and `cap` is the most taken by all lines together; Fact is then empty. With <see cref="Amount"/> the amount
/// taken off varies (「减除相应得分」); without a base it is taken off the item's other parts, down to the item's 0.</remarks>
public sealed record Deduction(string Fact, decimal Base, decimal Each, decimal? Cap, string? Where = null) : RulePart
{
    public override string Kind => "deduction";
    public IReadOnlyList<CountLine> Lines { get; init; } = [];
    /// <summary>An expression for the amount taken off (「减除相应得分」 = 40 ÷ 当月台账措施项数 per finding).</summary>
    public string? Amount { get; init; }
    /// <summary>False for an amount taken off the item's other parts (no `base`).</summary>
    public bool HasBase { get; init; } = true;
    public override IEnumerable<string> FactsRead =>
        Amount is not null ? Scoring.FormulaParser.FactsIn(Amount) : Lines.Count > 0 ? Lines.Select(l => l.Fact).Distinct() : [Fact];
}

/// <summary>满意度90分以上得4分，每少10个百分点扣1分，扣完为止.</summary>
public sealed record Steps(string Fact, decimal Points, decimal Threshold, decimal Step, decimal Per, bool PartialStepCounts = true) : RulePart
{
    public override string Kind => "steps";
    /// <summary>An expression read instead of a fact (迟报率 = count(reports, late) / count(reports) × 100); Fact is then empty.</summary>
    public string? Expr { get; init; }
    /// <summary>迟报率 0 得满分: the points at or below the threshold, `per` off for each step above it.</summary>
    public bool LowerIsBetter { get; init; }
    public override IEnumerable<string> FactsRead => Expr is null ? [Fact] : Scoring.FormulaParser.FactsIn(Expr);
}

/// <summary>根据百分比划分区间计分.</summary>
public sealed record Bands(string Fact, Interval? Domain, IReadOnlyList<Band> Entries, bool OfficeDefault) : RulePart
{
    public override string Kind => "bands";
    /// <summary>An expression read instead of a fact; Fact is then empty.</summary>
    public string? Expr { get; init; }
    public override IEnumerable<string> FactsRead => Expr is null ? [Fact] : Scoring.FormulaParser.FactsIn(Expr);
}

/// <summary>The points a record earns for one value of a column (国家级 3 分).</summary>
public sealed record ValuePoints(string Value, decimal Points);

/// <summary>稿件按国家级/省级/市级/县级分别计分: each record (meeting `where`) earns the points of its column's value.</summary>
public sealed record PerRecord(string Fact, string By, IReadOnlyList<ValuePoints> Points, decimal? Cap, string? Where = null) : RulePart
{
    public override string Kind => "perRecord";
    public override IEnumerable<string> FactsRead => [Fact];
}

/// <summary>得分=7×增速，最多得7分.</summary>
public sealed record Formula(string Expression) : RulePart
{
    /// <summary>
    /// The rule in the seed's words (「增速按小数计，得分 = 7 × 增速，限定在 0 至 7 分之间」): what an
    /// explanation shows instead of the expression, which users never see.
    /// </summary>
    public string? Description { get; init; }
    public override string Kind => "formula";
    public override IEnumerable<string> FactsRead => Scoring.FormulaParser.FactsIn(Expression);
}

/// <summary>40分按当月工作措施项目数量平均分配.</summary>
public sealed record Split(string Fact, decimal Points, string Done, bool FullWhenEmpty = true) : RulePart
{
    public override string Kind => "split";
    public override IEnumerable<string> FactsRead => [Fact];
}

/// <summary>A reviewer's judgement within [0, max], with a reason.</summary>
public sealed record Manual(string Fact) : RulePart
{
    /// <summary>The fact a 评审给分 part reads (the reviewer's points with their reason); null for an item scored from facts.</summary>
    public static string? JudgementFactOf(Item item) => item.Rule.OfType<Manual>().Select(m => m.Fact).FirstOrDefault();

    public override string Kind => "manual";
    public override IEnumerable<string> FactsRead => [Fact];
}

/// <summary>倒扣: negative points beyond the item's clamp.</summary>
/// <remarks>With <see cref="Lines"/> several counted lines share one `cap` (「以上三项最高扣5分」); with <see cref="Amount"/> the
/// amount varies (「减除相应得分」). Fact is then empty.</remarks>
public sealed record Penalty(string Fact, decimal Each, decimal? Cap, string? Where = null) : RulePart
{
    public override string Kind => "penalty";
    public IReadOnlyList<CountLine> Lines { get; init; } = [];
    /// <summary>An expression for the amount taken off, at least 0 (a negative amount is an error of the item).</summary>
    public string? Amount { get; init; }
    public override IEnumerable<string> FactsRead =>
        Amount is not null ? Scoring.FormulaParser.FactsIn(Amount) : Lines.Count > 0 ? Lines.Select(l => l.Fact).Distinct() : [Fact];
}

/// <summary>附加分 / 加分: points beyond the total, into the scheme's bonus.</summary>
public sealed record Bonus(string Fact, decimal Each, decimal? Cap, string? Where = null) : RulePart
{
    public override string Kind => "bonus";
    public override IEnumerable<string> FactsRead => [Fact];
}

/// <summary>一票否决: no points; forces a grade when the fact is as expected.</summary>
public sealed record Veto(string Fact, string Grade, bool Expect = true) : RulePart
{
    /// <summary>What else the veto takes away besides the grade: <see cref="VetoReach.Total"/>, a category's id, or null (the grade only).</summary>
    public string? Zeroes { get; init; }

    public override string Kind => "veto";
    public override IEnumerable<string> FactsRead => [Fact];
}

public static class DecimalExtensions
{
    /// <summary>Drops trailing zeros: 2.50 → 2.5, 4.00 → 4.</summary>
    public static decimal Normalized(this decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>Invariant text without trailing zeros.</summary>
    public static string Text(this decimal d) =>
        d.Normalized().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
