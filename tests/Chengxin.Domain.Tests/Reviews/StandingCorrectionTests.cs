using Chengxin.Domain.Reviews;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Reviews;

/// <summary>
/// A reviewer's correction outranks the unit's answer until the reviewer acts again; confirming an item the unit has answered
/// anew since the correction adopts that answer, and a judgement (评审给分) keeps the reviewer's points.
/// </summary>
public class StandingCorrectionTests
{
    private static readonly Item Counted = new()
    {
        Id = "2.1", Title = "工作报送", Max = 10,
        Facts = [new("reports", "按时报送篇数", FactType.Count, "unit"), new("briefs", "工作简报篇数", FactType.Count, "unit")],
    };

    private static readonly Item Judged = new()
    {
        Id = "5.1", Title = "诚信案例宣传", Max = 10,
        Facts = [new("publicity", "宣传材料篇数", FactType.Count, "unit"), new("case", "诚信案例评审意见", FactType.Judgement, "reviewer")],
        Rule = [new Manual("case")],
    };

    private static ItemStatement Unit(string key, long version) => new(key, FactSource.Unit, version);
    private static ItemStatement Reviewer(string key, long version) => new(key, FactSource.Reviewer, version);

    [Fact]
    public void OnConfirm_NoCorrection_NothingRetires() =>
        StandingCorrection.OnConfirm(Counted, [Unit("reports", 3)]).ShouldBeNull();

    [Fact]
    public void OnConfirm_UnitAnswerOlderThanTheCorrection_TheCorrectionStands() =>
        StandingCorrection.OnConfirm(Counted, [Unit("reports", 1), Reviewer("reports", 2)]).ShouldBeNull();

    [Fact]
    public void OnConfirm_UnitAnsweredAfterTheCorrection_RetiresTheWholeCorrection_AndSaysSo()
    {
        var adoption = StandingCorrection.OnConfirm(Counted, [Unit("reports", 3), Reviewer("reports", 2), Reviewer("briefs", 2)]);

        adoption.ShouldNotBeNull().Retired.Select(s => s.Key).ShouldBe(["reports", "briefs"]);
        adoption.Note.ShouldBe("确认采纳单位更新后的答复，此前评审修正的「按时报送篇数」、「工作简报篇数」不再计入。");
        adoption.Note.ShouldNotContain("reports");
    }

    [Fact]
    public void OnConfirm_ProviderAnsweredAfterTheCorrection_IsTheUnitsOwnAnswerToo() =>
        StandingCorrection.OnConfirm(Counted, [new("reports", FactSource.Provider, 3), Reviewer("reports", 2)]).ShouldNotBeNull();

    [Fact]
    public void OnConfirm_ReviewerCorrectedAgainAfterTheUnitsAnswer_TheWholeCorrectionStands() =>
        StandingCorrection.OnConfirm(Counted, [Unit("reports", 3), Reviewer("reports", 2), Reviewer("briefs", 4)]).ShouldBeNull();

    [Fact]
    public void OnConfirm_SystemCountAfterTheCorrection_IsNoAnswerOfTheUnit() =>
        StandingCorrection.OnConfirm(Counted, [new("reports", FactSource.System, 3), Reviewer("reports", 2)]).ShouldBeNull();

    [Fact]
    public void OnConfirm_JudgementItemAnsweredAfterTheCorrection_RetiresTheCorrectedFacts_KeepsThePoints()
    {
        var adoption = StandingCorrection.OnConfirm(Judged, [Unit("publicity", 4), Reviewer("publicity", 2), Reviewer("case", 3)]);

        adoption.ShouldNotBeNull().Retired.Select(s => s.Key).ShouldBe(["publicity"]);
        adoption.Note.ShouldBe("确认采纳单位更新后的答复，此前评审修正的「宣传材料篇数」不再计入；评审给分不变。");
    }

    [Fact]
    public void OnConfirm_JudgementAloneAndTheUnitAnsweredSince_ThePointsStand() =>
        StandingCorrection.OnConfirm(Judged, [Unit("publicity", 3), Reviewer("case", 2)]).ShouldBeNull();

    [Fact]
    public void OnConfirm_UnitsAnswerStatesTheJudgementLater_ReplacesThePoints() =>
        StandingCorrection.OnConfirm(Judged, [Unit("case", 3), Reviewer("case", 2)]).ShouldNotBeNull().Retired.ShouldHaveSingleItem().Key.ShouldBe("case");
}
