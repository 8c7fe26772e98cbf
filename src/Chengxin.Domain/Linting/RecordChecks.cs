using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Linting;

/// <summary>Checks of conditions on a ledger's records and of formulas that read its columns.</summary>
public static partial class Linter
{
    /// <summary>
    /// Every finding of <see cref="Lint(Scheme)"/>, plus `calendar-year-missing` where a rule counts working days
    /// over a scheme's fixed span (`period: range`) in a year the calendar does not cover: scoring it would be an
    /// error for every unit, so it is found before the campaign starts.
    /// </summary>
    public static IReadOnlyList<LintFinding> Lint(Scheme scheme, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var run = new Run(scheme);
        run.CalendarYears(calendar);
        return [.. Lint(scheme).Concat(run.Findings).OrderBy(f => f.Span.Line).ThenBy(f => f.Span.Column)];
    }

    private sealed partial class Run
    {
        public void CalendarYears(WorkingDayCalendar calendar)
        {
            if (scheme.Range is not { } range) return;
            var missing = Enumerable.Range(range.From.Year, range.To.Year - range.From.Year + 1).Where(y => !calendar.Years.Contains(y)).ToList();
            if (missing.Count == 0) return;
            foreach (var item in scheme.Items)
                foreach (var part in item.Rule.Where(CountsWorkingDays))
                    Add("calendar-year-missing", Error, item,
                        $"指标“{item.Title}”按工作日计算，但工作日历 {calendar.Id} 未包含 {string.Join("、", missing)} 年的节假日安排，请管理员先补充该年日历", part.Span);
        }

        private static bool CountsWorkingDays(RulePart part)
        {
            var (text, condition) = part switch
            {
                Formula f => (f.Expression, false),
                Steps { Expr: { } e } => (e, false),
                Bands { Expr: { } e } => (e, false),
                PerOccurrence { Where: { } w } => (w, true),
                Deduction { Where: { } w } => (w, true),
                Penalty { Where: { } w } => (w, true),
                Bonus { Where: { } w } => (w, true),
                PerRecord { Where: { } w } => (w, true),
                _ => (null, false),
            };
            if (text is null) return false;
            try { return FormulaParser.UsesWorkingDays(condition ? FormulaParser.ParseCondition(text) : FormulaParser.Parse(text)); }
            catch (FormulaException) { return false; }
        }

        /// <summary>A `where` condition: the fact is a ledger and every column it reads is one of the ledger's.</summary>
        private void RecordCondition(Item item, RulePart part, FactDefinition fact, string where)
        {
            if (fact.Type != FactType.Ledger)
            {
                Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则的 where 需要台账（ledger）事实，事实 {fact.Key} 是 {TypeName(fact.Type)}", part.Span);
                return;
            }
            FormulaNode condition;
            try { condition = FormulaParser.ParseCondition(where); }
            catch (FormulaException) { return; }
            foreach (var (_, column) in FormulaParser.ColumnsIn(condition))
                Column(item, part, fact, column, "where");
        }

        private void Column(Item item, RulePart part, FactDefinition ledger, string column, string parameter, params FactType[] allowed)
        {
            var col = ledger.Columns.FirstOrDefault(c => c.Key == column);
            if (col is null)
                Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则的 {parameter} 列 {column} 不是台账 {ledger.Key} 的列", part.Span);
            else if (allowed.Length > 0 && !allowed.Contains(col.Type))
                Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则的 {parameter} 列 {column} 应为 {string.Join("/", allowed.Select(TypeName))}，台账 {ledger.Key} 中是 {TypeName(col.Type)}", part.Span);
        }

        /// <summary>A per-record part: a ledger, its `by` column holds text, and its condition reads its columns.</summary>
        private void RecordPart(Item item, PerRecord p)
        {
            if (!declared.TryGetValue(p.Fact, out var d)) return;
            if (d.Fact.Type != FactType.Ledger)
            {
                Add("fact-type-mismatch", Error, item, $"perRecord 规则需要台账（ledger）事实，事实 {p.Fact} 是 {TypeName(d.Fact.Type)}", p.Span);
                return;
            }
            Column(item, p, d.Fact, p.By, "by", FactType.Text);
            if (p.Where is { } w) RecordCondition(item, p, d.Fact, w);
        }

        /// <summary>Columns read inside count/sum/avg/minOf/maxOf belong to the ledger they count.</summary>
        private void FormulaColumns(Item item, RulePart part)
        {
            var expr = part switch { Formula f => f.Expression, Steps s => s.Expr, Bands b => b.Expr, Deduction d => d.Amount, Penalty p => p.Amount, _ => null };
            if (expr is null) return;
            FormulaNode node;
            try { node = FormulaParser.Parse(expr); }
            catch (FormulaException) { return; }
            foreach (var (ledger, column) in FormulaParser.ColumnsIn(node))
            {
                if (ledger is null || !declared.TryGetValue(ledger, out var d)) continue;
                if (d.Fact.Type != FactType.Ledger)
                    Add("fact-type-mismatch", Error, item, $"{part.Kind} 规则统计的 {ledger} 不是台账（ledger）事实，而是 {TypeName(d.Fact.Type)}", part.Span);
                else
                    Column(item, part, d.Fact, column, "公式");
            }
        }
    }
}
