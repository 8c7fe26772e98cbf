using Chengxin.Domain.Identifiers;

namespace Chengxin.Domain.Tests.Identifiers;

public class IdentifierTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    [InlineData("91440300708461136T")]
    [InlineData("11100000000013127D")]
    public void Uscc_PublishedCodes_AreValid(string code) => UnifiedSocialCreditCode.IsValid(code).ShouldBeTrue();

    [Theory]
    [InlineData("91350100M000100Y44", "校验位应为 '3'，实为 '4'")]
    [InlineData("91350100M000100Y4", "应为 18 位，实为 17 位")]
    [InlineData("91350100M0001O0Y43", "第 14 位 'O' 不是合法字符")]
    [InlineData("91350100m000100Y43", "第 9 位 'm' 不是合法字符")]
    [InlineData("", "为空")]
    public void Uscc_BadCode_SaysWhatIsWrong(string code, string message) =>
        UnifiedSocialCreditCode.Problem(code).ShouldNotBeNull().ShouldContain(message);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("440524188001010014")]
    [InlineData("110101199003074477")]
    public void ResidentId_StandardExamples_AreValid(string id) => ResidentIdNumber.IsValid(id).ShouldBeTrue();

    [Theory]
    [InlineData("110101199003074478", "校验位应为 '7'，实为 '8'")]
    [InlineData("110101199002304477", "出生日期 19900230 无效")]
    [InlineData("11010119900307447", "应为 18 位")]
    [InlineData("1101011990030A4477", "第 14 位应为数字")]
    public void ResidentId_BadNumber_SaysWhatIsWrong(string id, string message) =>
        ResidentIdNumber.Problem(id).ShouldNotBeNull().ShouldContain(message);
}
