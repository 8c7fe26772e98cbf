using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>What every built-in scheme (schemes/*.yaml) must satisfy, whoever adds one.</summary>
public class BuiltInSchemeTests
{
    private static string[] Files() =>
        [.. Directory.GetFiles(TestSupport.SchemeDirectory, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> BuiltIns() => new(Files());

    [Fact]
    public void BuiltIns_AreTheSevenSeedSchemes()
    {
        Files().ShouldBe([
            "000-heihe-grassroots-2023.yaml", "001-heihe-third-party-2023.yaml", "002-huaian-quarterly-2022.yaml",
            "003-heihe-taskforce-annual-2022.yaml", "003-heihe-taskforce-monthly-2022.yaml",
            "004-jiaxian-departments-2022.yaml", "004-jiaxian-towns-2022.yaml"]);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Lint_BuiltInScheme_HasNoUnresolvedError(string file)
    {
        var findings = Linter.Lint(TestSupport.LoadScheme(file));
        findings.Where(f => f.Severity == LintSeverity.Error && !f.IsResolved).Select(Linter.Format).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Lint_BuiltInScheme_ListsEveryRecordedReadingAsANote(string file)
    {
        var scheme = TestSupport.LoadScheme(file);
        var notes = Linter.Lint(scheme).Where(f => f.Code == "recorded-reading").ToList();
        var uncoded = scheme.Resolutions.Concat(scheme.Nodes.SelectMany(n => n.Resolutions)).Count(r => r.Code is null);
        notes.Count.ShouldBe(uncoded);
        notes.ShouldAllBe(n => n.Severity == LintSeverity.Note && n.IsResolved);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltInScheme_NamesItsIssuerAndDocument(string file)
    {
        var s = TestSupport.LoadScheme(file);
        s.Issuer.ShouldNotBeNullOrWhiteSpace();
        s.Id.ShouldBe(Path.GetFileNameWithoutExtension(file)[4..]);
        s.Items.ShouldAllBe(i => !string.IsNullOrWhiteSpace(i.Wording.Scoring) || !string.IsNullOrWhiteSpace(i.Wording.Content));
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Score_BuiltInSchemeWithNoFacts_ScoresZeroAndNamesWhatIsMissing(string file)
    {
        var compiled = new CompiledScheme(TestSupport.LoadScheme(file));
        var cls = compiled.Scheme.Classes.Count > 0 ? compiled.Scheme.Classes[0].Id : "any";
        var r = Scorer.Score(compiled.NewFacts("empty", cls));
        r.Total.ShouldBe(0m);
        for (var i = 0; i < r.Items.Length; i++)
            if (r.Items[i].Status == ItemStatus.Missing)
                Explainer.Explain(r, i).ShouldStartWith(compiled.Items[i].Item.Facts.All(f => f.Type == FactType.Judgement) ? "待评审给分：" : "缺少事实：");
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Write_BuiltInScheme_RoundTrips(string file)
    {
        var s = TestSupport.LoadScheme(file);
        var text = SchemeWriter.Write(s);
        SchemeWriter.Write(SchemeLoader.Parse(text, file)).ShouldBe(text);
    }
}
