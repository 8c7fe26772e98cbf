using Chengxin.Server.Tests.Infrastructure;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// Seed 002 item 1.1 「双公示信息在7天内完成系统归集」 counts 7 calendar days whatever the office's working-day rule; the records its
/// explanation lists as 迟报 are the ones that fact counted.
/// </summary>
public abstract class HuaianDisclosureExplanationTests(AppFixture app)
{
    [Fact]
    public async Task Explanation_RecordLateByCalendarDaysButNotByWorkingDays_IsListedAsLate()
    {
        await using var walk = await StartAsync(app, "huaian-quarterly-2022");
        var market = await walk.UnitAsync("区市监局", "Department", "A类部门");
        await walk.OpenAsync("2022年第二季度政务诚信建设综合信用评价", "2022Q2", [market], walk.Now.AddHours(2), [walk.ReviewerId]);
        await walk.SaveAsync(market,
        [
            ("other_admin_info_monthly_full", true), ("commitment_info_monthly", true),
            ("credit_review_in_administration", true), ("rewards_and_sanctions_by_rule", true),
            ("xinyipi_cases", Rows("matter", "信易批事项", "fulfilled", 2, 1)), ("investment_breaches", 0), ("serious_dishonesty", false),
            ("credit_law_trainings", Rows("name", "公务员诚信培训", "documented", 2)), ("five_into_campaigns", Rows("name", "诚信五进", "documented", 6)),
            ("innovation_promoted", true),
        ]);
        await walk.SubmitAsync(market);
        await walk.StartReviewAsync();

        // Decided Tuesday 2022-05-10, reported Wednesday 2022-05-18: the 8th calendar day, but only the 6th working day.
        var code = (await (await walk.Admin.GetAsync($"/api/units/{market.Id}")).ReadAsync<Features.Units.UnitResponse>()).Code!;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var subject = Disclosures.DisclosureIntakeTests.CreditCode("91320800MA40000H1");
        var upload = await Disclosures.DisclosureIntakeTests.UploadAsync(walk.Admin, System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n",
            "行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,处罚机关,数据来源单位,信息类别",
            $"淮安某某公司1,{subject},,淮市监罚〔2022〕{tag}-1号,2022-05-10,2022-05-18,区市场监督管理局,{code},行政处罚",
            $"淮安某某公司2,{subject},,淮市监罚〔2022〕{tag}-2号,2022-06-24,2022-06-30,区市场监督管理局,{code},行政处罚")), "区市监局二季度双公示.csv");
        upload.Upload.Stored.ShouldBe(2);

        var item = (await walk.ResultsAsync()).Of(market).Items.Single(i => i.ItemId == "1.1");
        item.Score.ShouldBe(0m);
        item.Explanation.ShouldContain($"迟报 淮市监罚〔2022〕{tag}-1号（应于 2022-05-17 前报送，2022-05-18 报送）");
        item.Explanation.ShouldNotContain($"{tag}-2号");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HuaianDisclosureExplanationTestsOnSqlite(SqliteApp app) : HuaianDisclosureExplanationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HuaianDisclosureExplanationTestsOnPostgres(PostgresApp app) : HuaianDisclosureExplanationTests(app);
