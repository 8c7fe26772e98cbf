using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;

namespace Chengxin.Domain.Tests.Collection;

public class DeadlineTests
{
    // Seed 001: 请于10月20日17时前，将联络员联系表（附件3）报送至指定邮箱。
    private static readonly DateTimeOffset LiaisonDue = new(2023, 10, 20, 17, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Of_ExactlyAtTheDeadline_IsOnTime() => Deadline.Of(LiaisonDue, LiaisonDue).ShouldBe(Lateness.OnTime);

    [Fact]
    public void Of_OneSecondBefore_IsOnTime() => Deadline.Of(LiaisonDue, LiaisonDue.AddSeconds(-1)).IsLate.ShouldBeFalse();

    [Fact]
    public void Of_OneSecondAfter_IsOneSecondLate() => Deadline.Of(LiaisonDue, LiaisonDue.AddSeconds(1)).ShouldBe(new Lateness(true, 1));

    [Fact]
    public void Of_HalfASecondAfter_CountsAsAWholeSecond() => Deadline.Of(LiaisonDue, LiaisonDue.AddMilliseconds(500)).LateBySeconds.ShouldBe(1);

    [Fact]
    public void Of_TwoDaysAfterInUtc_CountsEverySecond() =>
        Deadline.Of(LiaisonDue, LiaisonDue.ToUniversalTime().AddDays(2).AddSeconds(5)).LateBySeconds.ShouldBe(2 * 86400 + 5);

    [Fact]
    public void Of_NoDeadline_IsNeverLate() => Deadline.Of(null, LiaisonDue.AddYears(1)).ShouldBe(Lateness.OnTime);
}

public class ContactCheckTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("8613812345678")]
    public void Mobile_MainlandNumbers_Pass(string mobile) => ContactChecks.Mobile(mobile).ShouldBeNull();

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1381234567")]
    [InlineData("0456-8221234")]
    public void Mobile_OtherText_IsRefusedWithTheValue(string mobile) => ContactChecks.Mobile(mobile)!.ShouldContain(mobile);

    [Fact]
    public void Mobile_Empty_IsRequired() => ContactChecks.Mobile(" ")!.ShouldContain("不能为空");

    [Theory]
    [InlineData("0456-8221234")]
    [InlineData("(0456)8221234")]
    [InlineData("0456-8221234-801")]
    [InlineData("")]
    public void Landline_OfficeNumbersOrNothing_Pass(string landline) => ContactChecks.Landline(landline).ShouldBeNull();

    [Fact]
    public void Landline_Letters_AreRefused() => ContactChecks.Landline("转总机")!.ShouldContain("座机");

    [Theory]
    [InlineData("xyb@heihe.gov.cn", true)]
    [InlineData("a.b+c@example.com", true)]
    [InlineData("xyb@heihe", false)]
    [InlineData("xyb heihe.gov.cn", false)]
    public void Email_NeedsAUserAndADomain(string email, bool valid) => (ContactChecks.Email(email) is null).ShouldBe(valid);
}

public class SupplierTests
{
    [Fact]
    public void IsSuppliedBy_ExactDepartmentName_Only()
    {
        Suppliers.IsSuppliedBy("provider:市人民法院", "市人民法院").ShouldBeTrue();
        Suppliers.IsSuppliedBy("provider:市人民法院", " 市人民法院 ").ShouldBeTrue();
        // A loose match would let 法院 fill 市人民法院's facts.
        Suppliers.IsSuppliedBy("provider:市人民法院", "法院").ShouldBeFalse();
        Suppliers.IsSuppliedBy("unit", "市人民法院").ShouldBeFalse();
        Suppliers.IsSuppliedBy("feed:失信被执行人名单", "失信被执行人名单").ShouldBeFalse();
    }

    [Theory]
    [InlineData("unit", "被评价单位")]
    [InlineData("provider:县信用办", "信息来源部门「县信用办」")]
    [InlineData("feed:双公示", "监测数据「双公示」")]
    [InlineData("survey", "问卷测评")]
    [InlineData("reviewer", "评审员")]
    [InlineData("system:late-or-missing-reports", "平台统计的「迟报、漏报次数（按报送记录统计）」")]
    [InlineData("system:dual-disclosure-late-or-wrong", "平台统计的「“双公示”迟报、错报条数（按平台归集记录统计）」")]
    public void Describe_NamesTheSupplierInChinese(string supplier, string words) => Suppliers.Describe(supplier).ShouldBe(words);

    [Fact]
    public void FactsOf_SeedFourTowns_CountyCreditOfficeSuppliesReportsOnTime()
    {
        var scheme = TestSupport.LoadScheme("004-jiaxian-towns-2022.yaml");
        Suppliers.FactsOf(scheme, "县信用办").Select(f => (f.Item.Id, f.Fact.Key)).ShouldBe([("2.1", "reports_on_time")]);
        Suppliers.FactsOf(scheme, "县档案局").ShouldBeEmpty();
    }
}

public class LetterTextTests
{
    [Fact]
    public void Render_SeedOneTemplate_FillsTheDepartmentAndThePeriod()
    {
        var scheme = TestSupport.LoadScheme("001-heihe-third-party-2023.yaml");
        var text = LetterText.Render(scheme.Campaign.CommitmentLetter!.Text, "市人民法院",
            Period.Range(new DateOnly(2022, 7, 1), new DateOnly(2023, 6, 30)));
        // 附件2: 我部门_____现提供日期在 2022 年 7 月 1 日至 2023 年 6 月 30 日的“政务诚信”第三方评价材料台账
        text.ShouldStartWith("我部门市人民法院现提供日期在2022年7月1日至2023年6月30日的“政务诚信”第三方评价材料台账");
        text.ShouldNotContain("{");
    }

    [Fact]
    public void Render_StandardText_ForAQuarter() =>
        LetterText.Render(LetterText.StandardText, "某镇", Period.Quarter(2022, 1)).ShouldContain("我单位某镇现提供日期在2022年1月1日至2022年3月31日");
}
