using Chengxin.Domain.Schemes;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Schemes;

/// <summary>Each rule part of the example scheme in the plain words an office reads.</summary>
public class RuleTextTests
{
    private static readonly Scheme Scheme = LoadScheme("examples/every-part.yaml");

    private static Item ItemOf(string id) => Scheme.Items.Single(i => i.Id == id);

    private static string Text(string itemId, int part = 0) => RuleText.Describe(ItemOf(itemId).Rule[part], ItemOf(itemId), Scheme);

    [Theory]
    // "成立得1分，不成立不得分；创建工作会议不少于4次的得2分，每少1次扣0.5分。"
    [InlineData("1.1", 0, "成立领导小组：是否成立领导小组为“是”时得 1 分，否则不得分")]
    [InlineData("1.1", 1, "创建工作会议：创建工作会议次数达到 4 得 2 分，每少 1 次扣 0.5 分，扣完为止")]
    [InlineData("1.2", 0, "下列各项具备一项得相应分值：标语 1 分、宣传栏 1 分、宣传单 1 分、典型事迹 1 分")]
    // "每开展一次，得1.5分，最高得8分"
    [InlineData("1.3", 0, "宣传活动台账每有一条记录得 1.5 分，最高 8 分")]
    // "被投诉1次扣0.5分，扣完为止"
    [InlineData("1.4", 0, "基础分 4 分，被投诉次数每 1 次扣 0.5 分，扣完为止")]
    [InlineData("2.1", 0, "群众满意度测评得分达到 90 得 4 分，每低 10 扣 1 分（不足 10 的按 10 计），扣完为止")]
    [InlineData("2.3", 0, "得分=7×增速，最多得7分，负增长不得分")]
    [InlineData("2.4", 0, "12 分按当月重点工作任务台账的记录条数平均分配，每条“是否按计划完成”为“是”的记录得 12 ÷ 总条数 分；没有记录时得满分")]
    [InlineData("2.5", 0, "7天内全量报送为“是”时得 10 分，否则不得分")]
    [InlineData("2.5", 1, "倒扣：被通报漏报瞒报次数每 1 次倒扣 10 分（不受本项分值限制）")]
    [InlineData("2.5", 2, "动态调整：动态增加工作任务项数每 1 项加 1 分，最多加 5 分，计入附加分")]
    [InlineData("2.5", 3, "列入失信被执行人：被列入失信被执行人为“是”时一票否决，直接定为“不合格”")]
    [InlineData("2.6", 0, "签订承诺书企业数每 1 得 0.5 分，最高 2 分")]
    [InlineData("3.1", 0, "由评审人员在 0 至 5 分之间评定，须说明理由（创新工作评审意见）")]
    public void Describe_ExamplePart_ReadsAsPlainChinese(string itemId, int part, string expected) =>
        Text(itemId, part).ShouldBe(expected);

    [Fact]
    public void Describe_OfficeDefaultBands_ListsTheIntervalsAndSaysTheOfficeMayAdjustThem() =>
        Text("2.2").ShouldBe("按直接纠错率分区间计分（取值范围 0（含）至 100（含））：0（含）至 10（含）得 5 分；10（不含）至 30（含）得 3 分；30（不含）至 100（含）得 0 分"
            + "（默认区间，信用办可调整）");

    [Fact]
    public void Describe_BandsSetByTheSeed_DoNotSayDefault()
    {
        var part = (Bands)ItemOf("2.2").Rule[0] with { OfficeDefault = false };

        RuleText.Describe(part, ItemOf("2.2"), Scheme).ShouldNotContain("默认区间");
    }

    [Fact]
    public void Describe_OpenEndedBand_ShowsInfinity()
    {
        var part = new Bands("correction_rate", null,
            [new Band(new Interval(0, true, 10, true), 5), new Band(new Interval(10, false, Interval.PositiveInfinity, false), 0)], OfficeDefault: false);

        RuleText.Describe(part, ItemOf("2.2"), Scheme).ShouldBe("按直接纠错率分区间计分：0（含）至 10（含）得 5 分；10（不含）以上得 0 分");
    }

    [Fact]
    public void Describe_PercentSteps_SpeakInPercentagePoints()
    {
        // "满意度90分以上得4分，每少10个百分点扣1分" over a percentage fact.
        var part = new Steps("correction_rate", 4, 90, 10, 1, PartialStepCounts: false);

        RuleText.Describe(part, ItemOf("2.2"), Scheme)
            .ShouldBe("直接纠错率达到 90% 得 4 分，每低 10 个百分点扣 1 分（不足 10 个百分点的不扣），扣完为止");
    }

    [Fact]
    public void Describe_DeductionWithCap_SaysTheMostDeducted()
    {
        // "每条扣0.5分，最高扣7.5分"
        var part = new Deduction("complaints", 10, 0.5m, 7.5m);

        RuleText.Describe(part, ItemOf("1.4"), Scheme).ShouldBe("基础分 10 分，被投诉次数每 1 次扣 0.5 分，最多扣 7.5 分，扣完为止");
    }

    [Fact]
    public void Describe_PerOccurrenceWhereColumn_CountsOnlyTheMarkedRecords()
    {
        var part = new PerOccurrence("tasks", 2, null, Where: "done");

        RuleText.Describe(part, ItemOf("2.4"), Scheme).ShouldBe("当月重点工作任务台账中每有一条“是否按计划完成”为“是”的记录得 2 分");
    }

    [Fact]
    public void Describe_AllOrNothingExpectingFalse_NamesTheFalseCondition()
    {
        var part = new AllOrNothing("complaints", 2, Expect: false);

        RuleText.Describe(part, ItemOf("1.4"), Scheme).ShouldBe("被投诉次数为 0 时得 2 分，否则不得分");
    }

    [Fact]
    public void Describe_UndeclaredFact_FallsBackToTheKey()
    {
        var part = new AllOrNothing("nowhere", 1);

        RuleText.Describe(part, ItemOf("1.1"), Scheme).ShouldBe("nowhere为“是”时得 1 分，否则不得分");
    }

    [Theory]
    [InlineData("unit", "受评单位")]
    [InlineData("provider:市司法局", "数据提供部门：市司法局")]
    [InlineData("feed:双公示", "监测数据：双公示")]
    [InlineData("survey", "问卷测评")]
    [InlineData("reviewer", "评审人员")]
    public void SupplierName_EverySupplierKind_ReadsInChinese(string supplier, string expected) =>
        RuleText.SupplierName(supplier).ShouldBe(expected);
}
