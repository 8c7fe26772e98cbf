using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>
/// Renders why an item scored what it did: which parts fired, which fact values they read,
/// what each contributed, where a cap, floor or clamp applied. Kept apart from the scorer so
/// that scoring a province does not build a million strings nobody reads.
/// </summary>
public static class Explainer
{
    public static string Explain(UnitResult r, string itemId) =>
        Explain(r, r.Scheme.Items.First(i => i.Item.Id == itemId).Index);

    public static string Explain(UnitResult r, int itemIndex) => string.Join("；", Lines(r, itemIndex));

    public static IReadOnlyList<string> Lines(UnitResult r, int itemIndex)
    {
        var ci = r.Scheme.Items[itemIndex];
        var item = ci.Item;
        var ir = r.Items[itemIndex];
        if (ir.Status == ItemStatus.NotApplicable)
            return item.AppliesTo(r.UnitClass)
                ? [$"本项的责任单位为 {string.Join("、", item.Units)}，不含本单位，不计分也不计入满分"]
                : [$"不适用于{ClassName(r)}（本项仅适用于 {string.Join("、", item.Classes.Select(c => ClassName(r.Scheme.Scheme, c)))}），不计分也不计入满分"];

        if (item.Relative is { } relative && (relative.Method != RelativeMethod.Average || r.RelativeInputOf(itemIndex) is { Exempt: true }))
            return RelativeLines(r, itemIndex, relative);

        var lines = new List<string>();
        var missing = new List<string>();
        var missingKeys = new List<string>();
        var raw = r.RawOf(itemIndex);
        for (var p = 0; p < ci.PartCount; p++)
        {
            var part = ci.Parts[p].Part;
            var pr = Scorer.EvaluatePart(r, itemIndex, p);
            // A part written for another class (社区按另一口径) is no part of this unit's rule.
            if ((pr.Flags & PartFlags.NotApplicable) != 0) continue;
            if ((pr.Flags & PartFlags.Missing) != 0)
            {
                var absentKeys = part.FactsRead.Where(k => !r.Facts[k].HasValue).Distinct().ToList();
                var absent = absentKeys.Select(k => Label(r, k)).Distinct().ToList();
                missing.AddRange(absent);
                missingKeys.AddRange(absentKeys);
                if (ir.Status == ItemStatus.Scored)
                    lines.Add($"{(part.Label is null ? "" : part.Label + "：")}缺少事实：{string.Join("、", absent)}，此部分计 0 分");
                continue;
            }
            lines.Add(part is Deduction { Lines.Count: > 0 } or Penalty { Lines.Count: > 0 }
                ? DescribeLines(r, itemIndex, p, part, pr)
                : Describe(r, item, part, pr));
        }

        // An item waiting only for the reviewer's own judgement is not something the unit failed to supply: say whose turn it is.
        if (ir.Status == ItemStatus.Missing && missingKeys.Count > 0 && missingKeys.All(k => IsJudgement(r, k)))
            return [$"待评审给分：{string.Join("、", missing.Distinct())}，评审给分前暂计 0 分"];
        if (ir.Status == ItemStatus.Missing)
            return [$"缺少事实：{string.Join("、", missing.Distinct())}，本项计 0 分"];
        if (ir.Status == ItemStatus.Error)
            lines.Add("本项无法计算，计 0 分");
        else
        {
            // A carried item shows this period's own points here and the carried score below.
            var own = ir.CarriedFrom is null ? ir.Score : ir.Earned;
            var clamped = Math.Clamp(raw, 0, item.Max);
            var sum = clamped != raw
                ? $"小计 {raw.Text()}，限定在 0 至 {item.Max.Text()} 分之间 → {clamped.Text()} 分"
                : $"得分 {clamped.Text()} / {item.Max.Text()}";
            if (own != clamped) sum += $"，保留 {r.Scheme.Scheme.RoundingDigits} 位小数 → {own.Text()} 分";
            if (item.IsBonus) sum += "（附加分，计入加分）";
            lines.Add(sum);
        }
        if (ir.Penalty != 0) lines.Add($"倒扣 {(-ir.Penalty).Text()} 分（不受本项分值限制）");
        if (ir.Bonus != 0) lines.Add($"加分 {ir.Bonus.Text()} 分（计入附加分）");
        if (ir.CarriedFrom is not null) lines.Add($"沿用{PeriodWords(ir.CarriedFrom)}的有效得分 {ir.Score.Text()} 分");
        if (r.IsZeroedByVeto(ci.NodeIndex))
            lines.Add($"因一票否决，本项得分不计入（{string.Join("；", r.VetoZeroes)}）");
        foreach (var cut in CapCuts(r).Where(c => c.Cap.Items.Contains(itemIndex)))
            lines.Add(CapLine(r, cut.Cap, cut.Delta));
        return lines;
    }

    /// <summary>
    /// An item scored against the other units, with what they contributed: 「本单位值 12，最高值 15（某某镇），得 12÷15×5＝4 分」,
    /// 「在 7 个单位中排第 2 名」, 「容缺，按其他 6 个单位该项平均得分 3.25 计」. Before pass two it says the points wait for it.
    /// </summary>
    private static List<string> RelativeLines(UnitResult r, int itemIndex, RelativeScore relative)
    {
        var ci = r.Scheme.Items[itemIndex];
        var item = ci.Item;
        var ir = r.Items[itemIndex];
        var name = relative.Label is null ? "" : relative.Label + "：";
        var among = relative.Among == Among.Class ? $"{ClassName(r)}中" : "";
        // Numbers stand apart from the words around them: 「在 7 个单位中」「在乡镇的 4 个单位中」.
        var group = relative.Among == Among.Class ? $"{ClassName(r)}的 " : " ";
        var outcome = r.RelativeOutcomeOf(itemIndex);
        if (relative.Method == RelativeMethod.Average)
            return outcome is null
                ? [$"{name}容缺，按{among}其他单位该项平均得分计，待全部单位评分后计算，暂计 0 分"]
                : outcome.Compared == 0
                    ? [$"{name}容缺，{among}没有其他单位该项得分可供平均，计 0 分"]
                    : [$"{name}容缺，按{among}其他 {outcome.Compared} 个单位该项平均得分 {Shown(outcome.Average!.Value)} 计 → {ir.Score.Text()} 分"];

        var what = FormulaWords.Of(r.Scheme, relative.Value!);
        if (ir.Status == ItemStatus.Missing)
        {
            var absent = relative.FactsRead.Where(k => !r.Facts[k].HasValue).Select(k => Label(r, k)).Distinct();
            return [$"缺少事实：{string.Join("、", absent)}，不参与比较，本项计 0 分"];
        }
        if (ir.Status == ItemStatus.Error)
            return [$"{name}本单位{what}无法计算：{Scorer.EvaluateRelativeValue(r, itemIndex).Error}，不参与比较，本项计 0 分"];
        var value = r.RelativeInputOf(itemIndex)!.Value.Value;
        if (outcome is null)
            return [$"{name}本单位{what} {value.Text()}，按与其他单位比较计分，待全部单位评分后计算，暂计 0 分"];

        var lower = relative.LowerIsBetter;
        var best = outcome.Reference!.Value;
        var holders = outcome.ReferenceUnits.Count > 3 ? $"{string.Join("、", outcome.ReferenceUnits.Take(3))}等 {outcome.ReferenceUnits.Count} 个单位" : string.Join("、", outcome.ReferenceUnits);
        var bestWords = $"{(lower ? "最低值" : "最高值")} {best.Text()}（{holders}）";
        var max = item.Max;
        if (relative.Method == RelativeMethod.Share)
        {
            if (value == best)
                return [$"{name}本单位{what} {value.Text()}，为{group}{outcome.Compared} 个单位中{(lower ? "最低" : "最高")}"
                    + (best == 0 && !lower ? "，但最高值为 0，无可比较，计 0 分" : $"，得满分 {max.Text()} 分")];
            var (num, den) = lower ? (best, value) : (value, best);
            if ((lower && value <= 0) || (!lower && best <= 0))
                return [$"{name}本单位{what} {value.Text()}，{among}{bestWords}，无法按比例计分，计 0 分"];
            return [$"{name}本单位{what} {value.Text()}，{among}{bestWords}，得 {num.Text()}÷{den.Text()}×{max.Text()}{(max * num / den == outcome.Points ? "＝" : "≈")}{outcome.Points.Text()} 分"];
        }
        var rule = relative.Top is int top
            ? $"前 {top} 名各得 {relative.Points!.Value.Text()} 分"
            : $"第一名得 {(relative.First ?? max).Text()} 分，其后每名次减 {relative.Step!.Value.Text()} 分";
        return [$"{name}本单位{what} {value.Text()}，在{group}{outcome.Compared} 个单位中{(lower ? "由低到高" : "由高到低")}排第 {outcome.Rank} 名（{(outcome.Rank == 1 ? "" : $"第一名{bestWords}；")}{rule}）→ {outcome.Points.Text()} 分"
            + (item.IsBonus ? "（附加分，计入加分）" : "")];
    }

    /// <summary>A value for the eye: at most four decimals, marked with ≈ when rounded.</summary>
    private static string Shown(decimal d)
    {
        var rounded = Math.Round(d, 4, MidpointRounding.AwayFromZero);
        return rounded == d ? d.Text() : $"≈{rounded.Text()}";
    }

    /// <summary>
    /// How a grade quota acted on the unit: 「得分 92 达到优秀线，但优秀名额 2 个（参评 7 个×30%，向下取整）已由排名更前的单位占满，评为良好」.
    /// </summary>
    public static IReadOnlyList<string> QuotaLines(UnitResult r) => [.. r.QuotaNotes.Select(n =>
    {
        var rounding = n.Quota.Rounding switch { QuotaRounding.Up => "向上取整", QuotaRounding.Nearest => "四舍五入", _ => "向下取整" };
        var seats = $"{n.Grade}名额 {n.Seats} 个（{(n.Quota.Among == Among.Class ? $"{ClassName(r)}参评" : "参评")} {n.Participants} 个×{n.Quota.Share.Text()}%，{rounding}）";
        return n.Effect switch
        {
            QuotaEffect.TiedIn => $"得分 {r.Total.Text()} 达到{n.Grade}线，排第 {n.Rank} 名，与{seats}的最后一名并列，按并列者同进的规定，一并评为{n.Grade}",
            QuotaEffect.TiedOut => $"得分 {r.Total.Text()} 达到{n.Grade}线，排第 {n.Rank} 名，与其他单位并列于{seats}的最后一名，按并列者同出的规定，均不评为{n.Grade}，评为{n.NewGrade}",
            _ when n.Seats == 0 => $"得分 {r.Total.Text()} 达到{n.Grade}线，但{seats}，评为{n.NewGrade}",
            _ => $"得分 {r.Total.Text()} 达到{n.Grade}线，但{seats}已由排名更前的单位占满，评为{n.NewGrade}",
        };
    })];

    /// <summary>The caps across items that acted for this unit, with what each took or gave back.</summary>
    private static IEnumerable<(CompiledCap Cap, decimal Delta)> CapCuts(UnitResult r) =>
        r.CapCuts is not { } cuts ? [] : r.Scheme.Caps.Select((c, i) => (c, cuts[i])).Where(x => x.Item2 != 0);

    /// <summary>「以上三项最高扣5分：三项共失分超过 5 分，超出的 2 分不扣，计入“信用监管”」; 「“专项工作”最高 10 分，超出的 2.5 分不计」.</summary>
    private static string CapLine(UnitResult r, CompiledCap cap, decimal delta)
    {
        var titles = string.Join("、", cap.Items.Select(i => $"“{r.Scheme.Items[i].Item.Title}”"));
        if (cap.WholeCategory)
            return $"“{cap.Category.Title}”最高 {cap.Group.Most!.Value.Text()} 分，超出的 {(-delta).Text()} 分不计";
        var name = cap.Group.Label ?? (cap.Group.Most is not null ? $"以上各项合计最高得 {cap.Group.Most.Value.Text()} 分" : $"以上各项合计最高扣 {cap.Group.MostOff!.Value.Text()} 分");
        return cap.Group.Most is decimal most
            ? $"{name}：{titles}合计超过 {most.Text()} 分，超出的 {(-delta).Text()} 分在“{cap.Category.Title}”中核减"
            : $"{name}：{titles}共失分超过 {cap.Group.MostOff!.Value.Text()} 分，超出的 {delta.Text()} 分不扣，计入“{cap.Category.Title}”";
    }

    /// <summary>A deduction or penalty of several counted lines: each line's count, then the one base, cap and floor.</summary>
    private static string DescribeLines(UnitResult r, int itemIndex, int p, RulePart part, PartEvaluation pr)
    {
        var name = part.Label is null ? "" : part.Label + "：";
        if ((pr.Flags & PartFlags.Error) != 0)
            return $"{name}无法计算：{pr.Error}";
        var (lines, cap) = part switch
        {
            Deduction d => (d.Lines, d.Cap),
            Penalty pe => (pe.Lines, pe.Cap),
            _ => ([], null),
        };
        var evaluations = Scorer.EvaluateLines(r, itemIndex, p);
        var counted = string.Join("，", lines.Select((l, i) =>
        {
            var e = evaluations[i];
            var what = l.Label ?? Label(r, l.Fact);
            var count = l.Where is null || FormulaParser.IsBareColumn(l.Where) ? $"{e.Input.Text()} 次" : $"其中{FormulaWords.OfCondition(r.Scheme, l.Fact, l.Where)}的 {e.Input.Text()} 条";
            return $"{what} {count} × {l.Each.Text()} = {e.Points.Text()}{((e.Flags & PartFlags.Capped) != 0 ? $"（最多 {l.Cap!.Value.Text()}）" : "")}";
        }));
        var capped = (pr.Flags & PartFlags.Capped) != 0 ? $"，合计最多扣 {cap!.Value.Text()}" : "";
        return part switch
        {
            Deduction d => $"{name}基础分 {d.Base.Text()}，{counted}，合计扣 {(cap is decimal c && pr.Input > c ? c : pr.Input).Text()}"
                + ((pr.Flags & PartFlags.Capped) != 0 ? $"（最多扣 {cap!.Value.Text()}）" : "")
                + $" → {pr.Points.Text()}{((pr.Flags & PartFlags.Floored) != 0 ? "（扣完为止）" : "")}",
            _ => $"{name}{counted}{capped} → 倒扣 {(-pr.Points).Text()}",
        };
    }

    /// <summary>How the total was reached, in one line.</summary>
    public static string ExplainTotal(UnitResult r)
    {
        var s = r.Scheme.Scheme;
        var parts = new List<string> { $"基础得分 {r.Base.Text()}（适用满分 {r.ApplicableMax.Text()}）" };
        foreach (var (cap, delta) in CapCuts(r))
            parts.Add(CapLine(r, cap, delta));
        if (r.BlockScores is { } blocks)
            parts.Add("加权：" + string.Join("，", s.Blocks.Select((b, i) => blocks[i].Max == 0
                ? $"{b.Label}不适用于本单位，其权重按比例计入其他板块"
                : $"{b.Label} {blocks[i].Points.Text()} / {blocks[i].Max.Text()} × {b.Weight.Text()}")) + $" → {Shown(r.ComparedBase)}");
        else if (s.Comparison.NormaliseTo is decimal to)
            parts.Add($"折算为 {to.Text()} 分制：{r.ComparedBase.Text()}");
        if (r.BonusRaw != 0)
            parts.Add(r.Bonus != r.BonusRaw ? $"附加分 {r.BonusRaw.Text()}，封顶 {r.Bonus.Text()}" : $"附加分 {r.Bonus.Text()}");
        if (r.CompositeNote is not null) parts.Add(r.CompositeNote);
        if (s.Scale is decimal scale) parts.Add($"× {(scale * 100).Text()}%");
        parts.Add($"总分 {r.Total.Text()}");
        if (r.Grade is not null) parts.Add($"等次 {r.Grade}");
        parts.AddRange(QuotaLines(r));
        if (r.Vetoes.Count > 0) parts.Add($"否决：{string.Join("、", r.Vetoes)}");
        if (r.VetoZeroes.Count > 0) parts.Add(string.Join("；", r.VetoZeroes));
        return string.Join("；", parts);
    }

    private static string Describe(UnitResult r, Item item, RulePart part, PartEvaluation pr)
    {
        var name = part.Label is null ? "" : part.Label + "：";
        if (ExpressionRead(part) is { } expr)
            return DescribeExpression(r, part, expr, name, pr);
        var f = part.FactsRead.FirstOrDefault();
        var fact = f is null ? "" : $"{Label(r, f)} = {r.Facts[f].Describe()}";
        var capped = (pr.Flags & PartFlags.Capped) != 0;
        var floored = (pr.Flags & PartFlags.Floored) != 0;
        if ((pr.Flags & PartFlags.Error) != 0)
            return $"{name}{fact} → 无法计算：{pr.Error}";
        return part switch
        {
            // 「为“否”时得 4 分」: 「否则得」 would read as "otherwise".
            AllOrNothing p => $"{name}{fact} → {(pr.Points != 0 ? $"+{pr.Points.Text()}" : "0")}（为“{(p.Expect ? "是" : "否")}”时得 {p.Points.Text()} 分）",
            Checklist p => name + string.Join("，", p.Entries.Select(e =>
                $"{e.Label ?? Label(r, e.Fact)} {(r.Facts[e.Fact].IsTrue ? "+" + e.Points.Text() : "0")}")) + $" → {pr.Points.Text()}",
            Shortfall p => pr.Input >= p.Target
                ? $"{name}{fact}，达到 {p.Target.Text()} → {p.Points.Text()}"
                : $"{name}{fact}，比 {p.Target.Text()} 少 {(p.Target - pr.Input).Text()}，每少 {p.Unit.Text()} 扣 {p.Per.Text()} → {pr.Points.Text()}{(floored ? "（扣完为止）" : "")}",
            PerRecord p => $"{name}{fact}{Condition(r, p.Fact, p.Where)}，{ByValue(r, p)} → {pr.Points.Text()}{(capped ? $"（最高 {p.Cap!.Value.Text()}）" : "")}",
            PerOccurrence p => $"{name}{fact}，{Occurrences(r, part, pr)} × {p.Each.Text()} → {pr.Points.Text()}{(capped ? $"（最高 {p.Cap!.Value.Text()}）" : "")}",
            Deduction { Amount: { } amount } p => $"{name}{(p.HasBase ? $"基础分 {p.Base.Text()}，" : "")}扣减 {FormulaWords.Of(r.Scheme, amount)} = {pr.Input.Text()}{Facts(r, part)}"
                + (capped ? $"，最多扣 {p.Cap!.Value.Text()}" : "") + $" → {pr.Points.Text()}{(floored ? "（扣完为止）" : "")}",
            Penalty { Amount: { } amount } p => $"{name}倒扣 {FormulaWords.Of(r.Scheme, amount)} = {pr.Input.Text()}{Facts(r, part)}"
                + (capped ? $"，最多 {p.Cap!.Value.Text()}" : "") + $" → 倒扣 {(-pr.Points).Text()}",
            Deduction p => $"{name}{fact}，{p.Base.Text()} − {Occurrences(r, part, pr)} × {p.Each.Text()}{(capped ? $"（最多扣 {p.Cap!.Value.Text()}）" : "")} → {pr.Points.Text()}{(floored ? "（扣完为止）" : "")}",
            Steps { LowerIsBetter: true } p => pr.Input <= p.Threshold
                ? $"{name}{fact}，不高于 {p.Threshold.Text()} → {p.Points.Text()}"
                : $"{name}{fact}，高于 {p.Threshold.Text()}，每多 {p.Step.Text()} 扣 {p.Per.Text()} → {pr.Points.Text()}{(floored ? "（扣完为止）" : "")}",
            Steps p => pr.Input >= p.Threshold
                ? $"{name}{fact}，达到 {p.Threshold.Text()} → {p.Points.Text()}"
                : $"{name}{fact}，低于 {p.Threshold.Text()}，每少 {p.Step.Text()} 扣 {p.Per.Text()} → {pr.Points.Text()}{(floored ? "（扣完为止）" : "")}",
            Bands p => $"{name}{fact}，在 {RangeWords(p.Entries.First(b => b.Range.Contains(pr.Input)).Range)} → {pr.Points.Text()}{(p.OfficeDefault ? "（区间为默认设置，可由信用办调整）" : "")}",
            // The scheme's own words when it has them; otherwise the expression paraphrased, never its source.
            // A description says all a label would, so it stands alone.
            Formula { Description: { } words } p => $"{words}（{string.Join("，", p.FactsRead.Distinct().Select(k => $"{Label(r, k)} = {r.Facts[k].Describe()}"))}）→ {pr.Points.Text()}",
            Formula p => $"{name}{FormulaWords.Of(r.Scheme, p.Expression)}，其中 {string.Join("，", p.FactsRead.Distinct().Select(k => $"{Label(r, k)} = {r.Facts[k].Describe()}"))} → {pr.Points.Text()}",
            Split p => (pr.Flags & PartFlags.Empty) != 0
                ? $"{name}{Label(r, p.Fact)} 无记录 → {pr.Points.Text()}"
                : $"{name}{Label(r, p.Fact)} 共 {r.Facts[p.Fact].Rows!.Count} 项，完成 {pr.Input.Text()} 项，{p.Points.Text()} × {pr.Input.Text()} / {r.Facts[p.Fact].Rows!.Count} → {pr.Points.Text()}",
            Manual => $"{name}评审给分 {r.Facts[f!].Describe()} → {pr.Points.Text()}",
            Penalty p => $"{name}{fact}，{Occurrences(r, part, pr)} × {p.Each.Text()} → 倒扣 {(-pr.Points).Text()}{(capped ? $"（最多 {p.Cap!.Value.Text()}）" : "")}",
            Bonus p => $"{name}{fact}，{Occurrences(r, part, pr)} × {p.Each.Text()} → 加 {pr.Points.Text()}{(capped ? $"（最多 {p.Cap!.Value.Text()}）" : "")}",
            Veto p => (pr.Flags & PartFlags.VetoFired) != 0 ? $"{name}{fact} → 否决，直接定为 {p.Grade}{Reach(r, p.Zeroes)}" : $"{name}{fact} → 未触发否决",
            _ => $"{name}{pr.Points.Text()}",
        };
    }

    /// <summary>「，其中 台账项数 = 8，抽查发现未完成项数 = 1」: the values a varying amount read, by their labels.</summary>
    private static string Facts(UnitResult r, RulePart part) =>
        part.FactsRead.Any() ? "（" + string.Join("，", part.FactsRead.Distinct().Select(k => $"{Label(r, k)} = {r.Facts[k].Describe()}")) + "）" : "";

    /// <summary>How many occurrences a part counted; with a condition beyond a bool column, the condition in words.</summary>
    private static string Occurrences(UnitResult r, RulePart part, PartEvaluation pr)
    {
        var (ledger, where) = part switch
        {
            PerOccurrence p => (p.Fact, p.Where),
            Deduction p => (p.Fact, p.Where),
            Penalty p => (p.Fact, p.Where),
            Bonus p => (p.Fact, p.Where),
            _ => (null, null),
        };
        return where is null || ledger is null || FormulaParser.IsBareColumn(where)
            ? $"{pr.Input.Text()} 次"
            : $"其中{FormulaWords.OfCondition(r.Scheme, ledger, where)}的 {pr.Input.Text()} 条";
    }

    private static string Condition(UnitResult r, string ledger, string? where) =>
        where is null ? "" : $"，其中{FormulaWords.OfCondition(r.Scheme, ledger, where)}的计分";

    /// <summary>How many records of each listed value a per-record part counted: 「国家级 2 条 × 3」.</summary>
    private static string ByValue(UnitResult r, PerRecord p)
    {
        var rows = r.Facts[p.Fact].Rows ?? [];
        var condition = p.Where is null ? null : FormulaParser.ParseCondition(p.Where);
        var scope = new FormulaScope(r.Facts) { RowLedger = p.Fact };
        var counts = p.Points.Select(e => rows.Count(row =>
        {
            scope.Row = row;
            return (condition is null || condition.Eval(scope) != 0) && row[p.By].Text == e.Value;
        })).ToList();
        var listed = p.Points.Select((e, i) => (e, n: counts[i])).Where(x => x.n > 0).Select(x => $"{x.e.Value} {x.n} 条 × {x.e.Points.Text()}").ToList();
        return listed.Count == 0 ? "没有计分的记录" : string.Join("，", listed);
    }

    private static string? ExpressionRead(RulePart part) => part switch
    {
        Steps { Expr: { } e } => e,
        Bands { Expr: { } e } => e,
        _ => null,
    };

    /// <summary>A steps or bands part over an expression: the expression in words, its value, then the part's rule.</summary>
    private static string DescribeExpression(UnitResult r, RulePart part, string expr, string name, PartEvaluation pr)
    {
        var value = $"{name}{FormulaWords.Of(r.Scheme, expr)}";
        if ((pr.Flags & PartFlags.Error) != 0)
            return $"{value} → 无法计算：{pr.Error}";
        value += $" = {Math.Round(pr.Input, 4, MidpointRounding.AwayFromZero).Text()}";
        var floored = (pr.Flags & PartFlags.Floored) != 0 ? "（扣完为止）" : "";
        return part switch
        {
            Steps { LowerIsBetter: true } p => pr.Input <= p.Threshold
                ? $"{value}，不高于 {p.Threshold.Text()} → {p.Points.Text()}"
                : $"{value}，高于 {p.Threshold.Text()}，每多 {p.Step.Text()} 扣 {p.Per.Text()} → {pr.Points.Text()}{floored}",
            Steps p => pr.Input >= p.Threshold
                ? $"{value}，达到 {p.Threshold.Text()} → {p.Points.Text()}"
                : $"{value}，低于 {p.Threshold.Text()}，每少 {p.Step.Text()} 扣 {p.Per.Text()} → {pr.Points.Text()}{floored}",
            Bands p => $"{value}，在 {RangeWords(p.Entries.First(b => b.Range.Contains(pr.Input)).Range)} → {pr.Points.Text()}{(p.OfficeDefault ? "（区间为默认设置，可由信用办调整）" : "")}",
            _ => $"{value} → {pr.Points.Text()}",
        };
    }

    /// <summary>An interval as a reader says it: 「3（含）至 4（不含）」, 「90 以上（含）」.</summary>
    public static string RangeWords(Interval range)
    {
        static string Edge(decimal v, bool inclusive) => $"{v.Text()}（{(inclusive ? "含" : "不含")}）";
        if (range.Low == Interval.NegativeInfinity && range.High == Interval.PositiveInfinity) return "任意数值";
        if (range.Low == Interval.NegativeInfinity) return $"{Edge(range.High, range.HighInclusive)}以下";
        if (range.High == Interval.PositiveInfinity) return $"{Edge(range.Low, range.LowInclusive)}以上";
        if (range.Low == range.High) return range.Low.Text();
        return $"{Edge(range.Low, range.LowInclusive)}至 {Edge(range.High, range.HighInclusive)}";
    }

    /// <summary>A period key as a reader says it (2022Q1 → 2022年第一季度); a key that is no period stays as given.</summary>
    private static string PeriodWords(string key)
    {
        try
        {
            return Campaigns.Period.ParseKey(key).Label;
        }
        catch (DomainRuleException)
        {
            return key;
        }
    }

    private static string Reach(UnitResult r, string? zeroes) => zeroes switch
    {
        null => "",
        VetoReach.Total => "，总分计 0 分",
        _ => r.Scheme.NodeIndexOf(zeroes) is int n ? $"，{r.Scheme.Nodes[n].Title}得分计 0 分" : "",
    };


    private static bool IsJudgement(UnitResult r, string key) =>
        r.Scheme.SlotOf(key) is int s && r.Scheme.FactDefinitions[s].Type == FactType.Judgement;

    private static string Label(UnitResult r, string key) =>
        r.Scheme.SlotOf(key) is int s ? r.Scheme.FactDefinitions[s].Label : key;

    private static string ClassName(UnitResult r) => ClassName(r.Scheme.Scheme, r.UnitClass);

    private static string ClassName(Scheme s, string id) => s.Classes.FirstOrDefault(c => c.Id == id)?.Name ?? id;
}
