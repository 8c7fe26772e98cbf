using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Linting;

/// <summary>
/// Checks a scheme before it is used: maxima against their children, rules against their
/// item's max, bands against their domain, facts read against facts declared, grades,
/// vetoes, tie-breaks and composites. Pure: the scheme in, the findings out, in document order.
/// </summary>
public static partial class Linter
{
    private const LintSeverity Error = LintSeverity.Error;
    private const LintSeverity Warning = LintSeverity.Warning;

    /// <summary>Every finding, resolved ones included (marked by <see cref="LintFinding.Resolution"/>), ordered by position in the file.</summary>
    public static IReadOnlyList<LintFinding> Lint(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var lint = new Run(scheme);
        lint.Categories();
        lint.CapGroups();
        lint.SchemeTotal();
        lint.ClassTotals();
        lint.ItemsAndFacts();
        lint.Grades();
        lint.Quotas();
        lint.Relatives();
        lint.Blocks();
        lint.Vetoes();
        lint.TieBreak();
        lint.BonusCap();
        lint.Composite();
        lint.RecordedReadings();
        // OrderBy is stable, so findings at one position keep the order the checks produced them in.
        return [.. lint.Findings.OrderBy(f => f.Span.Line).ThenBy(f => f.Span.Column)];
    }

    /// <summary>One line: severity, code, path, message, and for a resolved finding what the scheme does and why.</summary>
    public static string Format(LintFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var severity = f.Severity switch { Error => "错误", Warning => "警告", _ => "说明" };
        var line = $"{severity} {f.Code} {f.NodePath}：{f.Message}";
        return f.Resolution is { } r ? $"{line} 已处理：{r.Does}（原因：{r.Why}）" : line;
    }

    private sealed partial class Run(Scheme scheme)
    {
        public List<LintFinding> Findings { get; } = [];
        private readonly Dictionary<SchemeNode, string> paths = BuildPaths(scheme);
        private readonly Dictionary<string, (FactDefinition Fact, Item Item)> declared =
            scheme.Items.SelectMany(i => i.Facts.Select(f => (f, i))).GroupBy(p => p.f.Key).ToDictionary(g => g.Key, g => g.First());

        private static Dictionary<SchemeNode, string> BuildPaths(Scheme scheme)
        {
            var result = new Dictionary<SchemeNode, string>(ReferenceEqualityComparer.Instance);
            void Visit(Category c, string prefix)
            {
                var path = prefix + Segment(c);
                result[c] = path;
                foreach (var sub in c.Categories) Visit(sub, path + " / ");
                foreach (var item in c.Items) result[item] = path + " / " + Segment(item);
            }
            foreach (var c in scheme.Categories) Visit(c, "");
            return result;
        }

        private static string Segment(SchemeNode n) => string.IsNullOrWhiteSpace(n.No) ? n.Title : $"{n.No} {n.Title}";

        /// <summary>A finding on a node, or on the scheme when <paramref name="node"/> is null; resolved by a resolution with the same code there.</summary>
        private void Add(string code, LintSeverity severity, SchemeNode? node, string message, SourceSpan span)
        {
            var resolutions = node?.Resolutions ?? scheme.Resolutions;
            var path = node is null ? scheme.Title : paths[node];
            Findings.Add(new LintFinding(code, severity, path, node?.Id, node?.Title, message, span)
            {
                Resolution = resolutions.FirstOrDefault(r => r.Code == code),
            });
        }

        private static string N(decimal d) => d.Text();

        // A node made only of 附加分 items sits outside the stated total.
        private static bool IsBonusOnly(SchemeNode node) => node switch
        {
            Item i => i.IsBonus,
            Category c => c.AllItems().Any() && c.AllItems().All(i => i.IsBonus),
            _ => false,
        };

        public void Categories()
        {
            foreach (var c in scheme.Nodes.OfType<Category>())
            {
                var children = c.Children.ToList();
                if (children.Count == 0) continue;
                // A category of only bonus items declares the bonus's max, so all of them count; in a mixed
                // category the bonus items are outside its declared (base) max and are left out.
                var counted = IsBonusOnly(c) ? children : children.Where(n => !IsBonusOnly(n)).ToList();
                var sum = counted.Sum(n => n.Max);
                // A capped category (「本类最高得20分」) may hold more than its max: the cap takes the rest.
                if (sum == c.Max || (c.Capped && sum > c.Max) || EveryClassSumsTo(c)) continue;
                var left = children.Except(counted).Sum(n => n.Max);
                var note = left > 0 ? $"（不含附加分 {N(left)} 分）" : "";
                Add("category-max-mismatch", Error, c, $"类别“{c.Title}”声明 {N(c.Max)} 分，子项合计 {N(sum)} 分{note}", c.Span);
            }
        }

        /// <summary>
        /// Items written once per unit class (one for towns, one for communities) add up to more than the
        /// category's max although no unit can get both; what counts is that every class's items sum to it.
        /// </summary>
        private bool EveryClassSumsTo(Category c)
        {
            var items = IsBonusOnly(c) ? c.AllItems().ToList() : c.AllItems().Where(i => !i.IsBonus).ToList();
            if (scheme.Classes.Count == 0 || items.All(i => i.Classes.Count == 0)) return false;
            return scheme.Classes.All(uc => items.Where(i => i.AppliesTo(uc.Id)).Sum(i => i.Max) == c.Max);
        }

        /// <summary>A cap across items that its items can never reach takes nothing: a misread notice or a wrong list.</summary>
        public void CapGroups()
        {
            foreach (var c in scheme.Nodes.OfType<Category>())
                foreach (var g in c.Caps)
                {
                    var items = c.AllItems().Where(i => g.Items.Contains(i.Id)).ToList();
                    var maxima = items.Sum(i => i.Max);
                    var name = g.Label is null ? "" : $"“{g.Label}”";
                    if (g.Most is decimal most && most >= maxima)
                        Add("cap-never-binds", Warning, c, $"合并上限{name}最高得 {N(most)} 分，所列指标满分合计只有 {N(maxima)} 分，上限永远不起作用", g.Span);
                    if (g.MostOff is decimal off && off >= maxima && items.All(i => !i.Rule.Any(p => p is Penalty)))
                        Add("cap-never-binds", Warning, c, $"合并上限{name}最高扣 {N(off)} 分，所列指标满分合计只有 {N(maxima)} 分且没有倒扣，上限永远不起作用", g.Span);
                }
        }

        public void SchemeTotal()
        {
            var counted = scheme.Categories.Where(c => !IsBonusOnly(c)).ToList();
            var sum = counted.Sum(c => c.Max);
            if (sum == scheme.Total) return;
            var left = scheme.Categories.Where(IsBonusOnly).Select(c => $"“{c.Title}”").ToList();
            var note = left.Count > 0 ? $"（不含附加分类别{string.Join("、", left)}）" : "";
            Add("scheme-total-mismatch", Error, null, $"方案总分 total 为 {N(scheme.Total)} 分，各大类合计 {N(sum)} 分{note}", scheme.Span);
        }

        public void ClassTotals()
        {
            var normalise = scheme.Comparison.NormaliseTo;
            foreach (var uc in scheme.Classes)
            {
                var sum = scheme.Categories.Where(c => !IsBonusOnly(c)).Sum(c => ClassSum(c, uc.Id));
                if (sum == scheme.Total) continue;
                var message = $"单位类别“{uc.Name}”（{uc.Id}）适用指标满分合计 {N(sum)} 分，方案总分 {N(scheme.Total)} 分";
                if (normalise is decimal to)
                    message += $"；方案按 normaliseTo {N(to)} 折算后比较";
                Add("class-total-mismatch", normalise is null ? Error : Warning, null, message, scheme.Span);
            }
        }

        /// <summary>What a class can get in a category: its applicable base items, at most the max of a capped category.</summary>
        private static decimal ClassSum(Category c, string unitClass)
        {
            var sum = c.Categories.Sum(sub => ClassSum(sub, unitClass)) + c.Items.Where(i => !i.IsBonus && i.AppliesTo(unitClass)).Sum(i => i.Max);
            return c.Capped ? Math.Min(sum, c.Max) : sum;
        }

        public void ItemsAndFacts()
        {
            var read = new HashSet<string>(scheme.Vetoes.Select(v => v.Fact));
            foreach (var item in scheme.Items)
            {
                // A rank or a share stands instead of a rule; an average item scores the units not exempt by its rule.
                if (item.Rule.Count == 0 && item.Relative is not { Method: RelativeMethod.Rank or RelativeMethod.Share })
                    Add("rule-missing", Error, item, $"指标“{item.Title}”没有评分规则", item.Span);
                else if (item.Rule.Count > 0)
                    ItemMax(item);
                foreach (var key in item.Relative?.FactsRead ?? [])
                {
                    read.Add(key);
                    if (!declared.ContainsKey(key))
                        Add("fact-undeclared", Error, item, $"相对计分读取的事实 {key} 没有任何指标声明", item.Relative!.Span);
                }
                if (item.ValidFor is int k)
                {
                    if (k < 1)
                        Add("valid-for-invalid", Error, item, $"指标“{item.Title}”的 validFor 为 {k}，应不小于 1", item.Span);
                    else if (scheme.Period == PeriodKind.Range)
                        Add("valid-for-invalid", Error, item, $"指标“{item.Title}”的 validFor 为 {k}，但方案周期为 range，没有可延续的下一期", item.Span);
                }
                foreach (var part in item.Rule)
                {
                    foreach (var key in part.FactsRead)
                    {
                        read.Add(key);
                        if (!declared.ContainsKey(key))
                            Add("fact-undeclared", Error, item, $"{part.Kind} 规则读取的事实 {key} 没有任何指标声明", part.Span);
                    }
                    FactTypes(item, part);
                    switch (part)
                    {
                        case Bands b: BandsPart(item, b); break;
                        case Deduction { HasBase: true, Base: <= 0 } d:
                            Add("deduction-base-zero", Error, item, $"扣分规则（事实 {string.Join("、", d.FactsRead)}）的基础分 base 为 {N(d.Base)}，扣完为止后始终得 0 分，永远不起作用；倒扣于本项之外请用 penalty", part.Span);
                            break;
                        case Steps st when FloorOf(st.Fact) is decimal bottom && st.Threshold <= bottom:
                            Add("steps-threshold-at-bottom", Error, item,
                                $"阶梯计分（事实 {st.Fact}）的门槛 {N(st.Threshold)} 不高于该事实可取的最小值 {N(bottom)}，任何数值都得满分 {N(st.Points)} 分", part.Span);
                            break;
                        case Formula { Description: null } f:
                            // The explanation of a formula shows its description; without one it can only paraphrase the expression.
                            Add("formula-undescribed", Warning, item, $"公式 {f.Expression} 没有文字说明 description，评分说明只能逐项转述公式", part.Span);
                            break;
                        case Bonus { Cap: null } bonus when scheme.Bonus.Cap is null:
                            Add("bonus-uncapped", Warning, item, $"加分规则（事实 {bonus.Fact}）没有 cap，方案也没有附加分上限，加分不设上限", part.Span);
                            break;
                        case Veto v:
                            if (!scheme.Grades.Any(g => g.Name == v.Grade))
                                Add("veto-grade-unknown", Error, item, $"否决规则指定的等次“{v.Grade}”不在等次表中（{GradeList()}）", part.Span);
                            VetoReachOf(item, v.Zeroes, part.Span);
                            break;
                    }
                }
            }
            foreach (var (key, (fact, item)) in declared)
            {
                // A system fact is counted by the platform: only the kinds it knows how to count, and they are counts.
                if (SystemFacts.KindOf(fact.Supplier) is { } kind)
                {
                    if (!SystemFacts.IsKnown(kind))
                        Add("system-fact-unknown", Error, item, $"事实 {key} 的来源 {fact.Supplier} 不是系统能统计的项目（可用：{string.Join("、", SystemFacts.Kinds.Select(k => SystemFacts.Prefix + k))}）", fact.Span);
                    else if (fact.Type != SystemFacts.TypeOf(kind))
                        Add("system-fact-unknown", Error, item, $"系统统计的事实 {key} 类型应为 {TypeName(SystemFacts.TypeOf(kind))}，实为 {TypeName(fact.Type)}", fact.Span);
                }
                if (!read.Contains(key))
                    Add("fact-unused", Warning, item, $"事实 {key}（{fact.Label}）已声明，但没有任何规则或否决项读取", fact.Span);
            }
        }

        /// <summary>The least value a numeric fact can take by its type (a number has none).</summary>
        private decimal? FloorOf(string key) =>
            declared.TryGetValue(key, out var d) && d.Fact.Type is FactType.Bool or FactType.Count or FactType.Percent or FactType.Ledger ? 0 : null;

        private string GradeList() => scheme.Grades.Count == 0 ? "方案未设等次" : string.Join("、", scheme.Grades.Select(g => g.Name));

        /// <summary>
        /// The most each clamped part can give, summed; null when a formula cannot be analysed. Where parts differ by unit
        /// class, each class the item applies to is checked with its own parts.
        /// </summary>
        private void ItemMax(Item item)
        {
            if (!item.Rule.Any(p => p.Classes.Count > 0))
            {
                ItemMax(item, item.Rule, "");
                return;
            }
            var classes = scheme.Classes.Where(c => item.AppliesTo(c.Id)).ToList();
            foreach (var uc in classes)
                ItemMax(item, [.. item.Rule.Where(p => p.AppliesTo(uc.Id))], $"（{uc.Name}）");
        }

        private void ItemMax(Item item, IReadOnlyList<RulePart> rule, string forClass)
        {
            var facts = declared.ToDictionary(p => p.Key, p => p.Value.Fact);
            var most = Ext.Zero;
            var unbounded = new List<string>();
            var clamped = 0;
            foreach (var part in rule)
            {
                Ext? top = part switch
                {
                    AllOrNothing p => Ext.Of(p.Points),
                    Checklist p => Ext.Of(p.Entries.Where(e => e.Points > 0).Sum(e => e.Points)),
                    Shortfall p => Ext.Of(p.Points),
                    PerOccurrence p => p.Cap is decimal cap ? Ext.Of(cap) : Ext.PositiveInfinity,
                    // Without a base, a deduction only takes off the item's other parts.
                    Deduction p => Ext.Of(p.HasBase ? p.Base : 0),
                    Steps p => Ext.Of(p.Points),
                    PerRecord p => p.Cap is decimal cap ? Ext.Of(cap) : p.Points.Any(e => e.Points > 0) ? Ext.PositiveInfinity : Ext.Zero,
                    Bands p => p.Entries.Count == 0 ? Ext.Zero : Ext.Of(p.Entries.Max(e => e.Points)),
                    Split p => Ext.Of(p.Points),
                    Manual => Ext.Of(item.Max),
                    Formula p => FormulaBounds.Of(p.Expression, facts)?.High,
                    // Penalty, bonus and veto act outside the item's clamp.
                    _ => Ext.Zero,
                };
                if (part is Penalty or Bonus or Veto) continue;
                clamped++;
                // A formula the analysis cannot bound is skipped: neither check can be decided for this item.
                if (top is not { } t) return;
                if (!t.IsFinite && t.Infinity > 0)
                    unbounded.Add(Describe(part));
                most += t;
            }
            if (clamped == 0) return;
            if (unbounded.Count > 0)
                Add("item-max-exceeded", Error, item, $"指标“{item.Title}”满分 {N(item.Max)} 分，评分规则{forClass}可得分无上限（{string.Join("、", unbounded)}）", item.Span);
            else if (most > Ext.Of(item.Max))
                Add("item-max-exceeded", Error, item, $"指标“{item.Title}”满分 {N(item.Max)} 分，评分规则{forClass}最多可得 {most} 分", item.Span);
            else if (most < Ext.Of(item.Max))
                Add("item-max-unreachable", Error, item, $"指标“{item.Title}”满分 {N(item.Max)} 分，评分规则{forClass}最多只能得 {most} 分", item.Span);
        }

        private static string Describe(RulePart part) => part switch
        {
            PerOccurrence p => $"perOccurrence（事实 {p.Fact}）没有 cap",
            PerRecord p => $"perRecord（事实 {p.Fact}）没有 cap",
            Formula p => $"公式 {p.Expression} 没有上限",
            _ => part.Kind,
        };

        private static readonly FactType[] Numeric = [FactType.Count, FactType.Number, FactType.Percent, FactType.Bool];
        private static readonly FactType[] Truthy = [FactType.Bool, FactType.Count, FactType.Number];
        private static readonly FactType[] Countable = [FactType.Ledger, FactType.Count, FactType.Bool, FactType.Number];

        private static string TypeName(FactType t) => t.ToString().ToLowerInvariant();

        private void FactTypes(Item item, RulePart part)
        {
            switch (part)
            {
                case Split p:
                    LedgerColumn(item, part, p.Fact, p.Done, "done");
                    break;
                case Deduction { Amount: not null } or Penalty { Amount: not null }:
                    foreach (var key in part.FactsRead) Need(item, part, key, [.. Numeric, FactType.Ledger, FactType.Date, FactType.Text]);
                    FormulaColumns(item, part);
                    break;
                case Deduction { Lines.Count: > 0 } or Penalty { Lines.Count: > 0 }:
                    foreach (var line in part is Deduction d ? d.Lines : ((Penalty)part).Lines)
                    {
                        if (line.Where is { } lw) LedgerColumn(item, part, line.Fact, lw, "where");
                        else Need(item, part, line.Fact, Countable);
                    }
                    break;
                case PerOccurrence { Where: { } w } p: LedgerColumn(item, part, p.Fact, w, "where"); break;
                case Deduction { Where: { } w } p: LedgerColumn(item, part, p.Fact, w, "where"); break;
                case Penalty { Where: { } w } p: LedgerColumn(item, part, p.Fact, w, "where"); break;
                case Bonus { Where: { } w } p: LedgerColumn(item, part, p.Fact, w, "where"); break;
                case PerOccurrence or Deduction or Penalty or Bonus:
                    Need(item, part, part.FactsRead.Single(), Countable);
                    break;
                case Manual p:
                    Need(item, part, p.Fact, [FactType.Judgement]);
                    break;
                case PerRecord p:
                    RecordPart(item, p);
                    break;
                case Bands { Expr: null } or Steps { Expr: null } or Shortfall:
                    Need(item, part, part.FactsRead.Single(), Numeric);
                    break;
                case Formula or Bands or Steps:
                    // The formula language reads a ledger as its row count (docs/scheme-format.md), a date as a date
                    // and text in comparisons, so all of them are usable here.
                    foreach (var key in part.FactsRead) Need(item, part, key, [.. Numeric, FactType.Ledger, FactType.Date, FactType.Text]);
                    FormulaColumns(item, part);
                    break;
                case AllOrNothing or Veto:
                    Need(item, part, part.FactsRead.Single(), Truthy);
                    break;
                case Checklist:
                    foreach (var key in part.FactsRead) Need(item, part, key, Truthy);
                    break;
            }
        }

        private void Need(Item item, RulePart part, string key, FactType[] allowed)
        {
            if (!declared.TryGetValue(key, out var d) || allowed.Contains(d.Fact.Type)) return;
            Add("fact-type-mismatch", Error, item,
                $"{part.Kind} 规则需要 {string.Join("/", allowed.Select(TypeName))} 类型的事实，事实 {key} 是 {TypeName(d.Fact.Type)}", part.Span);
        }

        private void LedgerColumn(Item item, RulePart part, string key, string column, string parameter)
        {
            if (!declared.TryGetValue(key, out var d)) return;
            if (parameter == "where" && !FormulaParser.IsBareColumn(column))
            {
                RecordCondition(item, part, d.Fact, column);
                return;
            }
            if (d.Fact.Type != FactType.Ledger)
            {
                Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则的 {parameter} 需要台账（ledger）事实，事实 {key} 是 {TypeName(d.Fact.Type)}", part.Span);
                return;
            }
            var col = d.Fact.Columns.FirstOrDefault(c => c.Key == column);
            if (col is null)
                Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则的 {parameter} 列 {column} 不是台账 {key} 的列", part.Span);
            else if (col.Type != FactType.Bool)
                Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则的 {parameter} 列 {column} 应为 bool，台账 {key} 中是 {TypeName(col.Type)}", part.Span);
        }

        private void BandsPart(Item item, Bands b)
        {
            if (b.OfficeDefault)
                Add("office-default", Warning, item, $"区间计分（事实 {b.Fact}）的分档原文留给各地确定，现为默认值，请按本地口径确认", b.Span);
            if (b.Domain is not { } domain)
            {
                Add("band-no-domain", Warning, item, $"区间计分（事实 {b.Fact}）没有声明定义域 domain，无法检查区间是否覆盖完整", b.Span);
                BandCoverage(item, b, null);
                return;
            }
            foreach (var band in b.Entries)
                if (Below(band.Range, domain) || Above(band.Range, domain))
                    Add("band-outside-domain", Error, item, $"区间计分（事实 {b.Fact}）的区间 {band.Range} 超出定义域 {domain}", b.Span);
            BandCoverage(item, b, domain);
        }

        private static bool Below(Interval band, Interval domain) =>
            band.Low < domain.Low || (band.Low == domain.Low && band.LowInclusive && !domain.LowInclusive);

        private static bool Above(Interval band, Interval domain) =>
            band.High > domain.High || (band.High == domain.High && band.HighInclusive && !domain.HighInclusive);

        /// <summary>
        /// Walks the bands in order of their low edge, keeping how far they cover ("up to E, E itself
        /// included or not"); each band must start exactly where the cover stops. Without a domain only
        /// the stretch between the first and last band is checked.
        /// </summary>
        private void BandCoverage(Item item, Bands b, Interval? domain)
        {
            var bands = b.Entries.OrderBy(e => e.Range.Low).ThenBy(e => e.Range.LowInclusive ? 0 : 1).ToList();
            if (bands.Count == 0)
            {
                if (domain is { } whole)
                    Add("band-gap", Error, item, $"区间计分（事实 {b.Fact}）没有任何区间，定义域 {whole} 全未覆盖", b.Span);
                return;
            }
            decimal end;
            bool endIncluded;
            Interval? coverer = null;
            if (domain is { } d)
                (end, endIncluded) = (d.Low, !d.LowInclusive);
            else
                (end, endIncluded, coverer) = (bands[0].Range.High, bands[0].Range.HighInclusive, bands[0].Range);
            foreach (var band in coverer is null ? bands : bands.Skip(1))
            {
                var r = band.Range;
                if (r.Low < end || (r.Low == end && r.LowInclusive && endIncluded))
                {
                    // Against the domain's own edge this is a band outside the domain, reported above.
                    if (coverer is { } c)
                    {
                        var (lo, loIn) = (r.Low, r.LowInclusive);
                        var (hi, hiIn) = Lesser(end, endIncluded, r.High, r.HighInclusive);
                        Add("band-overlap", Error, item, $"区间计分（事实 {b.Fact}）的区间 {c} 与 {r} 重叠于 {Stretch(lo, loIn, hi, hiIn)}", b.Span);
                    }
                }
                else if (r.Low > end || (r.Low == end && !r.LowInclusive && !endIncluded))
                {
                    Add("band-gap", Error, item, $"区间计分（事实 {b.Fact}）的区间未覆盖 {Stretch(end, !endIncluded, r.Low, !r.LowInclusive)}{Within(domain)}", b.Span);
                }
                if (r.High > end || (r.High == end && r.HighInclusive && !endIncluded))
                    (end, endIncluded, coverer) = (r.High, r.HighInclusive, r);
            }
            if (domain is { } dom && (end < dom.High || (end == dom.High && !endIncluded && dom.HighInclusive)))
                Add("band-gap", Error, item, $"区间计分（事实 {b.Fact}）的区间未覆盖 {Stretch(end, !endIncluded, dom.High, dom.HighInclusive)}{Within(domain)}", b.Span);
        }

        private static (decimal, bool) Lesser(decimal a, bool aIn, decimal b, bool bIn) =>
            a < b ? (a, aIn) : b < a ? (b, bIn) : (a, aIn && bIn);

        private static string Within(Interval? domain) => domain is { } d ? $"（定义域 {d}）" : "";

        private static string Stretch(decimal lo, bool loIn, decimal hi, bool hiIn) =>
            lo == hi ? $"数值 {N(lo)}" : new Interval(lo, loIn, hi, hiIn).ToString();

        public void Grades()
        {
            var grades = scheme.Grades;
            if (grades.Count == 0) return;
            for (var i = 1; i < grades.Count; i++)
                if (grades[i].Min >= grades[i - 1].Min)
                {
                    Add("grade-coverage", Error, null,
                        $"等次应按 min 从高到低排列：“{grades[i - 1].Name}”（{N(grades[i - 1].Min)} 分）之后是“{grades[i].Name}”（{N(grades[i].Min)} 分）", scheme.Span);
                    break;
                }
            var lowest = grades.MinBy(g => g.Min)!;
            if (lowest.Min > 0)
                Add("grade-coverage", Error, null, $"最低等次“{lowest.Name}”从 {N(lowest.Min)} 分起，总分低于 {N(lowest.Min)} 分（含 0 分）得不到等次", scheme.Span);
        }

        public void Vetoes()
        {
            foreach (var v in scheme.Vetoes)
            {
                var name = v.Label is null ? $"（事实 {v.Fact}）" : $"“{v.Label}”";
                // A scheme veto's unknown fact is reported once, as veto-fact-unsupplied, not also as fact-undeclared.
                if (!declared.TryGetValue(v.Fact, out var d))
                    Add("veto-fact-unsupplied", Error, null, $"否决项{name}读取的事实 {v.Fact} 没有任何指标提供", v.Span);
                else if (!Truthy.Contains(d.Fact.Type))
                    Add("fact-type-mismatch", Error, null, $"否决项{name}需要 bool/count/number 类型的事实，事实 {v.Fact} 是 {TypeName(d.Fact.Type)}", v.Span);
                if (!scheme.Grades.Any(g => g.Name == v.Grade))
                    Add("veto-grade-unknown", Error, null, $"否决项{name}指定的等次“{v.Grade}”不在等次表中（{GradeList()}）", v.Span);
                VetoReachOf(null, v.Zeroes, v.Span);
            }
        }

        /// <summary>A veto's `zeroes` is `total` or the id of a category; an item's id or a typo would zero nothing.</summary>
        private void VetoReachOf(Item? item, string? zeroes, SourceSpan span)
        {
            if (zeroes is null || zeroes == VetoReach.Total || scheme.Nodes.Any(n => n is Category && n.Id == zeroes)) return;
            Add("veto-reach-unknown", Error, item, $"否决项的 zeroes 为“{zeroes}”，应为 total 或某一类别的 id", span);
        }

        public void TieBreak()
        {
            var ids = scheme.Nodes.Select(n => n.Id).ToHashSet();
            foreach (var id in scheme.TieBreak.Where(id => !ids.Contains(id)))
                Add("tiebreak-unknown", Error, null, $"并列比较顺序 tieBreak 中的“{id}”不是任何类别或指标的 id", scheme.Span);
        }

        public void BonusCap()
        {
            if (scheme.Bonus.Cap is not decimal cap) return;
            var items = scheme.Items.Where(i => i.IsBonus).Sum(i => i.Max);
            var parts = scheme.Items.SelectMany(i => i.Rule).OfType<Bonus>().ToList();
            var uncapped = parts.Where(p => p.Cap is null).Select(p => p.Fact).ToList();
            var sum = items + parts.Sum(p => p.Cap ?? 0);
            if (uncapped.Count > 0)
                Add("bonus-cap-exceeded", Warning, null,
                    $"加分规则（事实 {string.Join("、", uncapped)}）没有 cap，附加分可超过方案上限 {N(cap)} 分（超出部分不计）", scheme.Span);
            else if (sum > cap)
            {
                // Name only what the scheme has: "加分规则上限 0 分" for a scheme without bonus parts reads as a fault.
                var what = parts.Count == 0 ? $"附加分指标满分合计 {N(items)} 分"
                    : items == 0 ? $"加分规则上限合计 {N(sum)} 分"
                    : $"附加分指标满分 {N(items)} 分与加分规则上限 {N(sum - items)} 分合计 {N(sum)} 分";
                Add("bonus-cap-exceeded", Warning, null, $"{what}，超过方案附加分上限 {N(cap)} 分（超出部分不计）", scheme.Span);
            }
        }

        public void Composite()
        {
            if (scheme.Composite is not { } c) return;
            if (c.Periods < 1)
                Add("composite-invalid", Error, null, $"跨期汇总 composite 的 periods 为 {c.Periods}，应不小于 1", scheme.Span);
            if (c.Factor <= 0)
                Add("composite-invalid", Error, null, $"跨期汇总 composite 的 factor 为 {N(c.Factor)}，应大于 0", scheme.Span);
        }
    
        /// <summary>Every resolution without a code: how the scheme read a fault no check names.</summary>
        public void RecordedReadings()
        {
            foreach (var r in scheme.Resolutions.Where(r => r.Code is null))
                Findings.Add(new LintFinding("recorded-reading", LintSeverity.Note, scheme.Title, null, null, r.Text, scheme.Span) { Resolution = r });
            foreach (var node in scheme.Nodes)
                foreach (var r in node.Resolutions.Where(r => r.Code is null))
                    Findings.Add(new LintFinding("recorded-reading", LintSeverity.Note, paths[node], node.Id, node.Title, r.Text, node.Span) { Resolution = r });
        }
    }
}
