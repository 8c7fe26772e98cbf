using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// Which statement of a fact counts (system &gt; spot check &gt; reviewer &gt; provider/unit, the later within a rank), on seed 003
/// (黑河市政务守信践诺工作专班, 附件2 考评细则（试行）二(一) 月度考评): a county's measures ledger (1.1, the unit's),
/// the findings of the 市专班's 抽查和验证 (1.1's deduction, a reviewer's fact) and 迟报、漏报 (2.1, counted by the system).
/// </summary>
public class FactSheetTests
{
    private static readonly CompiledScheme Scheme = Compile("003-heihe-taskforce-monthly-2022.yaml");
    private static readonly DateTimeOffset Monday = new(2022, 5, 9, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Seed 003's county with every fact its own answer needs: five measures, all done; nothing found unfinished, no late report.</summary>
    private static FactSheet County() => new FactSheet(Scheme, "aihui", "county", "爱辉区")
        .Add(FactSource.Unit, "measures", LedgerOf(5, 0), Monday, 1)
        .Add(FactSource.Unit, "spot_unfinished", FactValue.Count(0), Monday, 2)
        .Add(FactSource.Unit, "late_or_missing_reports", FactValue.Count(0), Monday, 3)
        .Add(FactSource.Unit, "info_reports", FactValue.Ledger([]), Monday, 4)
        .Add(FactSource.Unit, "added_tasks", LedgerOf(0, 0, "approved"), Monday, 5)
        .Add(FactSource.Unit, "raised_targets", LedgerOf(0, 0, "approved"), Monday, 6)
        .Add(FactSource.Unit, "local_firsts", LedgerOf(0, 0, "approved"), Monday, 7);

    [Theory]
    // "（1）……按时报送相关文件材料的得 5 分，迟报、漏报每出现 1 次，扣 1 分，扣完为止。" The count comes from the report
    // record, whatever the unit, a reviewer or a spot check entered, and already in the unit's self-score.
    [InlineData(FactStage.Own, 2, 3)]
    [InlineData(FactStage.Reviewed, 2, 3)]
    [InlineData(FactStage.SpotChecked, 6, 0)]
    public void Facts_SystemCount_ReplacesEveryEnteredValueAtEveryStage(FactStage stage, int counted, decimal expected)
    {
        var sheet = County()
            .Add(FactSource.Reviewer, "late_or_missing_reports", FactValue.Count(0), Monday.AddDays(1), 8)
            .Add(FactSource.SpotCheck, "late_or_missing_reports", FactValue.Count(1), Monday.AddDays(2), 9)
            .Add(FactSource.System, "late_or_missing_reports", FactValue.Count(counted));

        ItemScore(sheet.Facts(stage), "2.1").ShouldBe(expected);
        sheet.Deciding("late_or_missing_reports", stage)!.Source.ShouldBe(FactSource.System);
    }

    [Fact]
    public void Facts_ReviewerCorrection_ReplacesTheUnitsAnswerFromTheReviewedStageOn()
    {
        // "4.减分项 市级专班在抽查和验证过程中，发现有未完成具体措施情形的，减除该市（地）相应得分。" The unit said none; the reviewer found one.
        var sheet = County().Add(FactSource.Reviewer, "spot_unfinished", FactValue.Count(1), Monday.AddDays(1), 8);

        ItemScore(sheet.Facts(FactStage.Own), "1.1").ShouldBe(40m);
        ItemScore(sheet.Facts(FactStage.Reviewed), "1.1").ShouldBe(32m);       // 40 − 40 × 1 / 5
        ItemScore(sheet.Facts(FactStage.SpotChecked), "1.1").ShouldBe(32m);
    }

    [Fact]
    public void Facts_SpotCheckFinding_ReplacesTheReviewersCorrection()
    {
        var sheet = County()
            .Add(FactSource.Reviewer, "spot_unfinished", FactValue.Count(1), Monday.AddDays(1), 8)
            .Add(FactSource.SpotCheck, "spot_unfinished", FactValue.Count(2), Monday, 9); // earlier in time, still higher in rank

        ItemScore(sheet.Facts(FactStage.Reviewed), "1.1").ShouldBe(32m);
        ItemScore(sheet.Facts(FactStage.SpotChecked), "1.1").ShouldBe(24m);    // 40 − 40 × 2 / 5
    }

    [Fact]
    public void Deciding_UnitAndProviderValues_TheLaterEntryWins()
    {
        var sheet = County().Add(FactSource.Provider, "measures", LedgerOf(4, 1), Monday.AddHours(1), 8);
        ItemScore(sheet.Facts(FactStage.Own), "1.1").ShouldBe(32m);            // 40 × 4 / 5

        sheet.Add(FactSource.Unit, "measures", LedgerOf(3, 5), Monday.AddHours(2), 9);
        sheet.Deciding("measures", FactStage.Own)!.Source.ShouldBe(FactSource.Unit);
        ItemScore(sheet.Facts(FactStage.Own), "1.1").ShouldBe(15m);            // 40 × 3 / 8
    }

    [Fact]
    public void Deciding_SameInstant_TheLaterSequenceWins()
    {
        var sheet = County()
            .Add(FactSource.Provider, "spot_unfinished", FactValue.Count(2), Monday, 12)
            .Add(FactSource.Unit, "spot_unfinished", FactValue.Count(1), Monday, 11);

        sheet.Deciding("spot_unfinished", FactStage.Own)!.Value.Number.ShouldBe(2m);
    }

    [Fact]
    public void Deciding_NoStatement_IsNullAndTheFactMissing()
    {
        var sheet = new FactSheet(Scheme, "aihui", "county");

        sheet.Deciding("measures").ShouldBeNull();
        sheet.Facts().MissingKeys().ShouldContain("measures");
    }

    [Fact]
    public void Add_StoredJson_ReadsTheValueOnceAsItsDeclaredType()
    {
        var sheet = new FactSheet(Scheme, "aihui", "county").Add(FactSource.Unit, "spot_unfinished", JsonSerializer.SerializeToElement(3));

        sheet.Deciding("spot_unfinished")!.Value.ShouldSatisfyAllConditions(
            v => v.Type.ShouldBe(FactType.Count),
            v => v.Number.ShouldBe(3m));
    }

    [Fact]
    public void Add_NegativeCount_IsRefusedNamingTheUnitAndTheFact()
    {
        var sheet = new FactSheet(Scheme, "aihui", "county");

        Should.Throw<FactsFileException>(() => sheet.Add(FactSource.Unit, "spot_unfinished", JsonSerializer.SerializeToElement(-5)))
            .Message.ShouldStartWith("单位「aihui」指标 1「工作完成情况」的「市专班抽查验证发现未完成的具体措施项数（台账中按完成计分者；未抽查填 0）」");
    }

    [Fact]
    public void Named_StoredSourceNames_FindTheirSource()
    {
        FactSource.All.Select(s => FactSource.Named(s.Name)).ShouldBe(FactSource.All);
        FactSource.Named("survey").ShouldBeNull();
    }
}
