using System.Text.RegularExpressions;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Users never see code: every explanation of every item of every built-in scheme is in words,
/// with no fact key, no formula source and no English, whatever the facts and the unit's class.
/// </summary>
public partial class ExplanationWordsTests
{
    public static TheoryData<string> BuiltIns() =>
        new(Directory.GetFiles(TestSupport.SchemeDirectory, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    private static readonly WorkingDayCalendar Calendar =
        WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")), "cn-mainland.yaml");

    [GeneratedRegex("[A-Za-z_]")]
    private static partial Regex Latin();

    /// <summary>Facts that make rules fire (true, some, a judgement above 0) or stay quiet (false, none, 0).</summary>
    private static UnitFacts Filled(CompiledScheme compiled, string unitClass, bool high)
    {
        var facts = compiled.NewFacts("u1", unitClass, "甲镇", period: null, periodDates: new DateRange(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31)));
        foreach (var f in compiled.FactDefinitions)
        {
            FactValue value = f.Type switch
            {
                FactType.Ledger => FactValue.Ledger([.. Enumerable.Range(0, high ? 3 : 0).Select(_ => new LedgerRow(f.Columns.ToDictionary(c => c.Key, c => Cell(c.Type, high))))]),
                _ => Cell(f.Type, high),
            };
            facts.Set(f.Key, value);
        }
        return facts;
    }

    private static FactValue Cell(FactType type, bool high) => type switch
    {
        FactType.Bool => FactValue.Bool(high),
        FactType.Count => FactValue.Count(high ? 3 : 0),
        FactType.Number => FactValue.Num(high ? 0.5m : 0),
        FactType.Percent => FactValue.Percent(high ? 85 : 0),
        FactType.Date => FactValue.Date(new DateOnly(2022, 6, 15)),
        FactType.Text => FactValue.OfText("县级"),
        FactType.Judgement => FactValue.OfJudgement(new Judgement(high ? 1 : 0, "材料齐全，效果明显")),
        _ => FactValue.Ledger([]),
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Explain_EveryItemOfABuiltInScheme_HasNoFactKeyNoFormulaAndNoEnglish(string file)
    {
        var scheme = TestSupport.LoadScheme(file);
        var compiled = new CompiledScheme(scheme, Calendar);
        var keys = scheme.Facts.Select(f => f.Key).Concat(scheme.Facts.SelectMany(f => f.Columns.Select(c => c.Key))).Distinct().ToList();
        var formulas = scheme.Items.SelectMany(i => i.Rule).OfType<Formula>().Select(f => f.Expression).ToList();
        var classes = scheme.Classes.Count > 0 ? scheme.Classes.Select(c => c.Id).ToList() : ["any"];
        var names = scheme.Classes.Select(c => c.Name).Concat(scheme.Grades.Select(g => g.Name)).Concat(scheme.Nodes.Select(n => n.Title)).ToList();
        var read = 0;

        foreach (var cls in classes)
            foreach (var high in new[] { true, false })
            {
                var r = Scorer.Score(Filled(compiled, cls, high));
                var texts = Enumerable.Range(0, r.Items.Length).Select(i => (scheme.Items.ElementAt(i).Id, Explainer.Explain(r, i))).Append(("总分", Explainer.ExplainTotal(r)));
                foreach (var (id, text) in texts)
                {
                    read++;
                    // The seed's own names may hold a letter (A类部门); nothing else may.
                    var rest = names.Aggregate(text, (t, n) => t.Replace(n, "", StringComparison.Ordinal));
                    Latin().IsMatch(rest).ShouldBeFalse($"{file} {cls} {id}: {text}");
                    keys.ShouldNotContain(k => text.Contains(k, StringComparison.Ordinal), $"{file} {id}: {text}");
                    formulas.ShouldNotContain(f => text.Contains(f, StringComparison.Ordinal), $"{file} {id}: {text}");
                }
            }
        read.ShouldBeGreaterThan(classes.Count * 2);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Load_EveryFormulaOfABuiltInScheme_CarriesItsDescription(string file) =>
        TestSupport.LoadScheme(file).Items.SelectMany(i => i.Rule).OfType<Formula>()
            .ShouldAllBe(f => !string.IsNullOrWhiteSpace(f.Description));

    [Fact]
    public void Explain_FormulaWithADescription_ShowsTheWordsAndTheFactsByLabel()
    {
        var compiled = TestSupport.Compile("004-jiaxian-towns-2022.yaml");
        var facts = Filled(compiled, compiled.Scheme.Classes[0].Id, high: false)
            .Set("listed_dishonest_debtor", FactValue.Bool(true));

        var text = Explainer.Explain(Scorer.Score(facts), "3.1");

        text.ShouldBe("信用良好的单位得5分，被列入失信被执行人或联合惩戒对象的单位不得分（本单位被列入失信被执行人 = 是，本单位被列为联合惩戒对象 = 否）→ 0；得分 0 / 5");
    }

    [Fact]
    public void Explain_AllOrNothingExpectingNo_SaysWhenThePointsAreGiven()
    {
        var compiled = TestSupport.Compile("004-jiaxian-towns-2022.yaml");
        var part = compiled.Scheme.Items.SelectMany(i => i.Rule.OfType<AllOrNothing>().Where(p => !p.Expect).Select(p => (i, p))).FirstOrDefault();
        part.p.ShouldNotBeNull("the towns scheme has an item scored for a 否");
        var r = Scorer.Score(Filled(compiled, compiled.Scheme.Classes[0].Id, high: false));

        var text = Explainer.Explain(r, part.i.Id);

        text.ShouldContain($"（为“否”时得 {part.p.Points.Text()} 分）");
        text.ShouldNotContain("否则得");
    }
}
