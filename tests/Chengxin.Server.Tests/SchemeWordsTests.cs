using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>
/// The scheme view says in words what the format writes as codes: a part limited to unit classes, an item's
/// responsibility list, a category's caps and a penalty of varying amount. Scheme:
/// schemes/examples/caps-classes-and-amounts.yaml, loaded by the tests beside the built-in ones.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SchemeWordsTests(SqliteApp app)
{
    private const string Example = "example-caps-classes-and-amounts";

    private async Task<SchemeView> ShowAsync() =>
        await (await (await app.SessionAsync("a-reviewer")).GetAsync($"/api/schemes/{Example}")).ReadAsync<SchemeView>();

    private static ItemView Item(SchemeView s, string id) => s.Categories.SelectMany(c => c.Items).Single(i => i.Id == id);

    [Fact]
    public async Task GetScheme_PartsLimitedToClasses_NameTheClassesInWords()
    {
        var parts = Item(await ShowAsync(), "1.2").Rule.Select(p => p.Text).ToList();
        parts.ShouldBe([
            "（县直单位）公示信用承诺：是否在信用网站公示信用承诺为“是”时得 2 分，否则不得分",
            "（县直单位）开展双公示：是否开展行政许可、行政处罚双公示为“是”时得 2 分，否则不得分",
            "（乡镇）乡镇公示信用承诺：是否在信用网站公示信用承诺为“是”时得 4 分，否则不得分",
        ]);
    }

    [Fact]
    public async Task GetScheme_ItemWithAResponsibilityList_SaysWhichUnitsItAppliesTo()
    {
        var scheme = await ShowAsync();
        var item = Item(scheme, "3.1");
        item.Units.ShouldBe(["县发展改革局", "县财政局"]);
        item.AppliesTo.ShouldBe("全部单位类别中的责任单位：县发展改革局、县财政局");
        Item(scheme, "3.2").AppliesTo.ShouldBe("全部单位类别");
    }

    [Fact]
    public async Task GetScheme_CategoryCaps_AreSaidInWords()
    {
        var scheme = await ShowAsync();
        var oversight = scheme.Categories.Single(c => c.Id == "2");
        oversight.Capped.ShouldBeFalse();
        oversight.Caps.ShouldBe(["以上三项最高扣5分：通报批评、约谈提醒、问责处理合计最多扣 5 分（含倒扣）"]);
        var special = scheme.Categories.Single(c => c.Id == "3");
        special.Capped.ShouldBeTrue();
        special.Caps.ShouldBe(["本类得分以 10 分封顶（超出部分不计）"]);
        scheme.Categories.Single(c => c.Id == "1").Caps.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetScheme_StackedDeductionAndVaryingPenalty_AreSaidWithoutCodes()
    {
        var parts = Item(await ShowAsync(), "1.1").Rule.Select(p => p.Text).ToList();
        parts[0].ShouldStartWith("拖欠账款：基础分 4 分，");
        parts[0].ShouldEndWith("扣完为止");
        parts[1].ShouldStartWith("未清偿金额倒扣：倒扣");
        parts[1].ShouldContain("最多倒扣 5 分");
        foreach (var code in new[] { "arrears", "amount", "repaid", "sum(", "floor(" })
            parts.ShouldAllBe(p => !p.Contains(code, StringComparison.Ordinal));
    }
}
