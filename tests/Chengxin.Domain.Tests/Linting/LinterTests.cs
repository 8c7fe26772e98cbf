using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Linting;

/// <summary>Every linter check on a small scheme that has that one fault, and resolutions on the example scheme.</summary>
public class LinterTests
{
    private static Scheme Fixture(string name)
    {
        var relative = Path.Combine("Linting", "Fixtures", name + ".yaml");
        return SchemeLoader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relative)), relative);
    }

    private static IReadOnlyList<LintFinding> Lint(string fixture) => Linter.Lint(Fixture(fixture));

    [Fact]
    public void Lint_CleanScheme_FindsNothing() => Lint("clean").ShouldBeEmpty();

    [Theory]
    [InlineData("category-max-mismatch", "category-max-mismatch", LintSeverity.Error, "1", "类别“组织领导”声明 8 分，子项合计 9 分")]
    [InlineData("scheme-total-mismatch", "scheme-total-mismatch", LintSeverity.Error, null, "方案总分 total 为 12 分，各大类合计 10 分（不含附加分类别“工作创新”）")]
    [InlineData("class-total-mismatch", "class-total-mismatch", LintSeverity.Error, null, "单位类别“县直单位”（dept）适用指标满分合计 6 分，方案总分 10 分")]
    [InlineData("class-total-normalised", "class-total-mismatch", LintSeverity.Warning, null, "县直单位”（dept）适用指标满分合计 6 分，方案总分 10 分；方案按 normaliseTo 100 折算")]
    [InlineData("item-max-exceeded", "item-max-exceeded", LintSeverity.Error, "1.1", "满分 10 分，评分规则最多可得 12 分")]
    [InlineData("item-max-exceeded", "item-max-exceeded", LintSeverity.Error, "1.2", "可得分无上限（perOccurrence（事实 pledges）没有 cap）")]
    [InlineData("item-max-exceeded", "item-max-exceeded", LintSeverity.Error, "1.3", "可得分无上限（公式 7 * growth 没有上限）")]
    [InlineData("item-max-unreachable", "item-max-unreachable", LintSeverity.Error, "1.1", "指标“诚信宣传”满分 4 分，评分规则最多只能得 2 分")]
    [InlineData("rule-missing", "rule-missing", LintSeverity.Error, "1.1", "指标“安排部署”没有评分规则")]
    [InlineData("band-gap", "band-gap", LintSeverity.Error, "2.2", "区间未覆盖 数值 10（定义域 [0, 100]）")]
    [InlineData("band-gap-empty", "band-gap", LintSeverity.Error, "2.2", "没有任何区间，定义域 [0, 100] 全未覆盖")]
    [InlineData("band-overlap", "band-overlap", LintSeverity.Error, "2.2", "区间 [0, 10] 与 [10, 100] 重叠于 数值 10")]
    [InlineData("band-outside-domain", "band-outside-domain", LintSeverity.Error, "2.2", "区间 (50, 120] 超出定义域 [0, 100]")]
    [InlineData("band-no-domain", "band-no-domain", LintSeverity.Warning, "2.2", "没有声明定义域 domain")]
    [InlineData("office-default", "office-default", LintSeverity.Warning, "2.2", "事实 correction_rate）的分档原文留给各地确定")]
    [InlineData("fact-undeclared", "fact-undeclared", LintSeverity.Error, "1.1", "all 规则读取的事实 ghost 没有任何指标声明")]
    [InlineData("fact-unused", "fact-unused", LintSeverity.Warning, "1.1", "事实 meetings（创建工作会议次数）已声明，但没有任何规则或否决项读取")]
    [InlineData("fact-type-mismatch", "fact-type-mismatch", LintSeverity.Error, "1.1", "manual 规则需要 judgement 类型的事实，事实 innovation 是 bool")]
    [InlineData("fact-type-mismatch", "fact-type-mismatch", LintSeverity.Error, "1.2", "split 规则的 done 列 name 应为 bool，台账 tasks 中是 text")]
    [InlineData("grade-coverage", "grade-coverage", LintSeverity.Error, null, "最低等次“合格”从 60 分起")]
    [InlineData("grade-order", "grade-coverage", LintSeverity.Error, null, "等次应按 min 从高到低排列：“合格”（6 分）之后是“优秀”（9 分）")]
    [InlineData("veto-fact-unsupplied", "veto-fact-unsupplied", LintSeverity.Error, null, "否决项“存在严重失信行为”读取的事实 serious_dishonesty 没有任何指标提供")]
    [InlineData("veto-grade-unknown", "veto-grade-unknown", LintSeverity.Error, "1.1", "等次“黄名单”不在等次表中（合格、不合格）")]
    [InlineData("tiebreak-unknown", "tiebreak-unknown", LintSeverity.Error, null, "tieBreak 中的“9”不是任何类别或指标的 id")]
    [InlineData("valid-for-invalid", "valid-for-invalid", LintSeverity.Error, "1.1", "validFor 为 4，但方案周期为 range")]
    [InlineData("bonus-cap-exceeded", "bonus-cap-exceeded", LintSeverity.Warning, null, "加分规则上限合计 3 分，超过方案附加分上限 2 分")]
    [InlineData("bonus-cap-items-only", "bonus-cap-exceeded", LintSeverity.Warning, null, "附加分指标满分合计 6 分，超过方案附加分上限 5 分")]
    [InlineData("deduction-base-zero", "deduction-base-zero", LintSeverity.Error, "1.1", "扣分规则（事实 complaints）的基础分 base 为 0，扣完为止后始终得 0 分")]
    [InlineData("steps-threshold-at-bottom", "steps-threshold-at-bottom", LintSeverity.Error, "1.1", "门槛 0 不高于该事实可取的最小值 0，任何数值都得满分 10 分")]
    [InlineData("bonus-uncapped", "bonus-uncapped", LintSeverity.Warning, "1.1", "加分规则（事实 added_tasks）没有 cap，方案也没有附加分上限")]
    [InlineData("formula-undescribed", "formula-undescribed", LintSeverity.Warning, "1.1", "公式 min(months_reported, 12) / 12 * 5 没有文字说明 description")]
    [InlineData("composite-invalid", "composite-invalid", LintSeverity.Error, null, "composite 的 periods 为 0，应不小于 1")]
    public void Lint_SchemeWithOneFault_ReportsItOnItsNode(string fixture, string code, LintSeverity severity, string? nodeId, string fragment)
    {
        var findings = Lint(fixture);

        var finding = findings.SingleOrDefault(f => f.Code == code && f.NodeId == nodeId && f.Message.Contains(fragment, StringComparison.Ordinal));

        finding.ShouldNotBeNull($"{code} on {nodeId ?? "the scheme"} containing “{fragment}”; found:\n{string.Join("\n", findings.Select(Linter.Format))}");
        finding.Severity.ShouldBe(severity);
        finding.IsResolved.ShouldBeFalse();
        finding.Span.Line.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("category-max-mismatch", "category-max-mismatch")]
    [InlineData("item-max-unreachable", "item-max-unreachable")]
    [InlineData("band-gap", "band-gap")]
    [InlineData("band-overlap", "band-overlap")]
    [InlineData("fact-undeclared", "fact-undeclared")]
    [InlineData("veto-grade-unknown", "veto-grade-unknown")]
    [InlineData("deduction-base-zero", "deduction-base-zero")]
    [InlineData("steps-threshold-at-bottom", "steps-threshold-at-bottom")]
    public void Lint_SchemeWithOneFault_ReportsNoOtherKindOfFinding(string fixture, string code) =>
        Lint(fixture).Select(f => f.Code).Distinct().Where(c => c != "class-total-mismatch").ShouldBe([code]);

    [Fact]
    public void Lint_BonusItemInAMixedCategory_IsLeftOutOfTheCategorySum() =>
        // 组织领导 declares 10: its base item holds 10, and the 附加分 item's 3 points sit outside the stated total.
        Lint("category-with-bonus-item").ShouldBeEmpty();

    [Fact]
    public void Lint_FormulaOverAnUndeclaredFact_ReportsTheFactButDoesNotGuessTheMax() =>
        Lint("formula-unknown-range").Select(f => (f.Code, f.NodeId)).ShouldBe([("fact-undeclared", "1.1")]);

    [Fact]
    public void Lint_ItemFinding_NamesThePathWithSeedNumbersAndTheSeedTitle()
    {
        var finding = Lint("item-max-unreachable").Single(f => f.Code == "item-max-unreachable");

        finding.NodePath.ShouldBe("一 组织领导 / 1 诚信宣传");
        finding.SeedTitle.ShouldBe("诚信宣传");
    }

    [Fact]
    public void Lint_SchemeLevelFinding_NamesTheSchemeAndNoNode()
    {
        var finding = Lint("grade-coverage").Single(f => f.Code == "grade-coverage");

        finding.NodePath.ShouldBe("检查示例：grade-coverage");
        finding.NodeId.ShouldBeNull();
        finding.SeedTitle.ShouldBeNull();
    }

    [Fact]
    public void Lint_BonusCapWithoutBonusParts_DoesNotSpeakOfAZeroPartCap() =>
        Lint("bonus-cap-items-only").Single(f => f.Code == "bonus-cap-exceeded").Message.ShouldNotContain("上限 0 分");

    [Fact]
    public void Lint_FormulaDividingByTwelve_ReachesTheItemMaxExactly()
    {
        // 「按月报送，满12个月得5分」 as min(x, 12) / 12 * 5: 12 / 12 * 5 is 5, not 4.999… (1/12 has no exact decimal).
        Lint("formula-twelfths").ShouldBeEmpty();
    }

    [Fact]
    public void Lint_ItemWrittenOncePerClass_IsNotACategoryMaxMismatchWhenEveryClassSumsToTheMax()
    {
        // Seed 000 第12项: 「信用承诺…得5分（社区在市信用信息共享平台公示政务承诺得6分）」, one item per class.
        Lint("category-split-by-class").ShouldBeEmpty();
    }

    [Fact]
    public void Lint_BandsThatMeetAtAnEdgeOnce_AreContiguous()
    {
        // "[0,10] and (10,30] are contiguous"; the example scheme's 2.2 bands are written so.
        Linter.Lint(LoadScheme("examples/every-part.yaml")).ShouldNotContain(f => f.Code == "band-gap" || f.Code == "band-overlap");
    }

    [Fact]
    public void Lint_BoundedFormula_IsNotReportedAsExceeded()
    {
        // 2.3 is "max(0, min(7, 7 * loan_growth))" with max 7: interval arithmetic gives [0, 7].
        Linter.Lint(LoadScheme("examples/every-part.yaml")).ShouldNotContain(f => f.NodeId == "2.3");
    }

    [Fact]
    public void Lint_Findings_AreInDocumentOrder()
    {
        var findings = Lint("item-max-exceeded");

        findings.Select(f => (f.Span.Line, f.Span.Column)).ShouldBe(findings.Select(f => (f.Span.Line, f.Span.Column)).OrderBy(s => s));
        findings.Where(f => f.Code == "item-max-exceeded").Select(f => f.NodeId).ShouldBe(["1.1", "1.2", "1.3"]);
    }

    [Fact]
    public void Lint_EveryPartExample_HasNoUnresolvedError()
    {
        var findings = Linter.Lint(LoadScheme("examples/every-part.yaml"));

        findings.Where(f => f.Severity == LintSeverity.Error && !f.IsResolved).Select(Linter.Format).ShouldBeEmpty();
        // 1.4 and 2.6 apply to towns only, so 县直单位 has 54 of the stated 60 points; the example normalises
        // totals to 60, which turns the mismatch into a warning rather than an error.
        var classTotal = findings.Single(f => f.Code == "class-total-mismatch");
        classTotal.Severity.ShouldBe(LintSeverity.Warning);
        classTotal.Message.ShouldContain("单位类别“县直单位”（dept）适用指标满分合计 54 分，方案总分 60 分");
    }

    [Fact]
    public void Lint_EveryPartExample_ReturnsItem11UnreachableAsResolved()
    {
        var finding = Linter.Lint(LoadScheme("examples/every-part.yaml")).Single(f => f.Code == "item-max-unreachable");

        finding.NodeId.ShouldBe("1.1");
        finding.IsResolved.ShouldBeTrue();
        finding.Resolution!.Does.ShouldBe("示例只取两项，最高 3 分");
        finding.Message.ShouldContain("满分 4 分，评分规则最多只能得 3 分");
    }

    [Fact]
    public void Lint_ExampleWarnings_AreTheOfficeDefaultAndTheBonusCap()
    {
        var warnings = Linter.Lint(LoadScheme("examples/every-part.yaml")).Where(f => f.Severity == LintSeverity.Warning);

        // Bonus item 3.1 (5) plus the 2.5 bonus part's cap (5) can exceed the scheme's bonus cap of 6.
        warnings.Select(f => (f.Code, f.NodeId)).ShouldBe([("office-default", "2.2"), ("bonus-cap-exceeded", null), ("class-total-mismatch", null)], ignoreOrder: true);
    }

    [Fact]
    public void Lint_ResolutionOnAnItem_ResolvesOnlyThatCodeOnThatNode()
    {
        var findings = Lint("resolution-scope");

        findings.Single(f => f.Code == "item-max-unreachable" && f.NodeId == "1.1").IsResolved.ShouldBeTrue();
        findings.Single(f => f.Code == "item-max-unreachable" && f.NodeId == "1.2").IsResolved.ShouldBeFalse();
        findings.Single(f => f.Code == "fact-unused" && f.NodeId == "1.1").IsResolved.ShouldBeFalse();
    }

    [Fact]
    public void Format_ResolvedFinding_SaysWhatTheSchemeDoesAndWhy()
    {
        var finding = Lint("resolution-scope").Single(f => f.IsResolved);

        Linter.Format(finding).ShouldBe(
            "错误 item-max-unreachable 一 组织领导 / 1 安排部署：指标“安排部署”满分 5 分，评分规则最多只能得 3 分 已处理：按最高 3 分计（原因：原文只列出 3 分的做法）");
    }

    [Fact]
    public void Format_UnresolvedWarning_IsOneLineWithCodePathAndMessage()
    {
        var finding = Lint("band-no-domain").Single();

        Linter.Format(finding).ShouldBe(
            "警告 band-no-domain 一 组织领导 / 行政复议情况：区间计分（事实 correction_rate）没有声明定义域 domain，无法检查区间是否覆盖完整");
    }
}
