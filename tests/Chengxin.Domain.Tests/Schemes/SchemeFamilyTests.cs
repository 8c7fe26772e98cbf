using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Tests.Schemes;

public class SchemeFamilyTests
{
    [Theory]
    [InlineData("jiaxian-towns-2022", "jiaxian-towns")]
    [InlineData("heihe-taskforce-monthly-2022", "heihe-taskforce-monthly")]
    [InlineData(" huaian-quarterly-2023 ", "huaian-quarterly")]
    [InlineData("every-part", "every-part")]
    [InlineData("plan-22", "plan-22")]
    [InlineData("2022", "2022")]
    [InlineData("towns-20x2", "towns-20x2")]
    public void Of_TrailingYear_IsLeftOut(string schemeId, string family) => SchemeFamily.Of(schemeId).ShouldBe(family);
}
