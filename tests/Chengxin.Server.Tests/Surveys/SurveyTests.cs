using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Chengxin.Domain.Scoring;
using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Surveys;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Surveys;

/// <summary>
/// Satisfaction surveys through HTTP on seed 000 (heihe-grassroots-2023, items 6 移风易俗 and 7 扫黑除恶, 问卷测评): the office sets up the
/// questionnaire, the public answers by the unit's link without signing in, and the unit's satisfaction becomes the system fact the
/// items read — 「群众满意度测评90分以上得4分，每少10个百分点扣1分」. Duplicates, invitations, the window, the rate limit, the
/// minimum sample, discarding abuse, and that nothing personal is stored.
/// </summary>
public abstract partial class SurveyTests(AppFixture app)
{
    /// <summary>A phone: its own cookies (the device), its own network address.</summary>
    private sealed class Phone(HttpClient client, string address)
    {
        public HttpClient Client { get; } = client;
        public string Address { get; } = address;

        /// <summary>The device cookie as the server set it on the first page.</summary>
        public string? Cookie { get; set; }
    }

    private Phone NewPhone(string? address = null)
    {
        var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        });
        var ip = address ?? NewAddress();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, ip);
        client.DefaultRequestHeaders.Add("Accept", "text/html");
        return new Phone(client, ip);
    }

    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private static async Task<(Walk Walk, Member Unit, SurveyView Survey)> StartAsync(AppFixture app, int minimumSample = 3,
        SatisfactionDefinition definition = SatisfactionDefinition.SatisfiedShare, string? opensAt = null)
    {
        var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var unit = await walk.UnitAsync($"测评镇{Guid.NewGuid().ToString("N")[..6]}", "Town", "乡镇");
        await walk.OpenAsync("2023年度基层政务诚信监测（问卷）", "2023", [unit], walk.Now.AddDays(10), [walk.ReviewerId]);
        var draft = await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}")).ReadAsync<SurveyView>();
        draft.Exists.ShouldBeFalse();
        draft.Questions.Select(q => q.ItemTitle).ShouldBe(["移风易俗", "扫黑除恶"]);
        var survey = await (await walk.Admin.PutJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}", Request(draft, minimumSample, definition, opensAt, walk)))
            .ReadAsync<SurveyView>();
        return (walk, unit, survey);
    }

    private static SetUpSurveyRequest Request(SurveyView view, int minimumSample, SatisfactionDefinition definition, string? opensAt, Walk walk,
        int expectedVersion = 0) =>
        new(view.Title, view.Intro, view.Questions.Select(q => new SurveyQuestionInput(q.ItemId, q.Text)).ToList(), 100, 80, 60, 30, 0, definition,
            minimumSample, true, opensAt, walk.Now.AddDays(9).ToString("o"), null, expectedVersion);

    private static string Path(SurveyView survey) => new Uri(survey.Units.Single().Link).AbsolutePath;

    [GeneratedRegex("name=\"t\" value=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();

    [GeneratedRegex("name=\"(q\\d+)\"")]
    private static partial Regex QuestionPattern();

    /// <summary>Opens the page (as the phone's browser does) and returns its ticket and the questions' field names.</summary>
    private static async Task<(string Ticket, List<string> Fields)> OpenAsync(Phone phone, string path)
    {
        var page = await phone.Client.GetAsync(path);
        if (page.Headers.TryGetValues("Set-Cookie", out var cookies))
            phone.Cookie = cookies.FirstOrDefault(c => c.StartsWith(AnswerSurvey.DeviceCookie, StringComparison.Ordinal)) ?? phone.Cookie;
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var ticket = TicketPattern().Match(html);
        ticket.Success.ShouldBeTrue(html);
        return (WebUtility.HtmlDecode(ticket.Groups[1].Value), QuestionPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList());
    }

    private static Task<HttpResponseMessage> PostAsync(Phone phone, string path, string ticket, IReadOnlyList<string> fields, IReadOnlyList<SatisfactionLevel> levels,
        string? comment = null, string? honeypot = null)
    {
        var values = new List<KeyValuePair<string, string>> { new("t", ticket) };
        values.AddRange(fields.Select((f, i) => new KeyValuePair<string, string>(f, ((int)levels[i]).ToString())));
        if (comment is not null)
            values.Add(new("comment", comment));
        if (honeypot is not null)
            values.Add(new("website", honeypot));
        return phone.Client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>Answers from new phones: each opens the page, the person takes their time, and submits.</summary>
    private static async Task AnswerAsync(Walk walk, Func<Phone> phone, string path, params SatisfactionLevel[][] sheets)
    {
        var opened = new List<(Phone Phone, string Ticket, List<string> Fields)>();
        foreach (var _ in sheets)
        {
            var p = phone();
            var (ticket, fields) = await OpenAsync(p, path);
            opened.Add((p, ticket, fields));
        }
        walk.Advance(TimeSpan.FromSeconds(20));
        for (var i = 0; i < sheets.Length; i++)
        {
            var response = await PostAsync(opened[i].Phone, path, opened[i].Ticket, opened[i].Fields, sheets[i]);
            (await response.Content.ReadAsStringAsync()).ShouldContain("提交成功");
        }
    }

    private static SatisfactionLevel[] Sheet(SatisfactionLevel customs, SatisfactionLevel order) => [customs, order];

    private static async Task<SubmissionItemView> ItemAsync(Walk walk, Member unit, string itemId) =>
        (await (await walk.Admin.GetAsync(walk.SubmissionUrl(unit.Id))).ReadAsync<SubmissionResponse>()).Items.Single(i => i.ItemId == itemId);

    [Fact]
    public async Task Answer_TenSheetsByTheUnitsLink_ItemsScoreBySeedRule()
    {
        var (walk, unit, survey) = await StartAsync(app, minimumSample: 10);
        await using var _ = walk;
        var path = Path(survey);
        // 移风易俗: 5 很满意 + 3 基本满意 + 2 不满意 → 80% satisfied: 90分以上得4分，每少10个百分点扣1分 → 80 is one step below → 3.
        // 扫黑除恶: 9 满意 + 1 很不满意 → 90% → 4.
        var sheets = Enumerable.Range(0, 10).Select(i => Sheet(
            i < 5 ? SatisfactionLevel.VerySatisfied : i < 8 ? SatisfactionLevel.FairlySatisfied : SatisfactionLevel.Dissatisfied,
            i < 9 ? SatisfactionLevel.Satisfied : SatisfactionLevel.VeryDissatisfied)).ToArray();
        await AnswerAsync(walk, () => NewPhone(), path, sheets[..9]);

        // Nine sheets of the ten the office asks for: 样本不足, no figure, the item is not scored from the survey.
        var short9 = await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/progress")).ReadAsync<SurveyProgressView>();
        var customs9 = short9.Units.Single().Items.Single(i => i.ItemId == "6");
        (customs9.Responses, customs9.IsInsufficient).ShouldBe((9, true));
        customs9.Explanation.ShouldContain("样本不足（最少 10 份）");
        (await ItemAsync(walk, unit, "6")).Status.ShouldBe(ItemStatus.Missing);

        await AnswerAsync(walk, () => NewPhone(), path, sheets[9..]);
        var progress = await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/progress")).ReadAsync<SurveyProgressView>();
        var customs = progress.Units.Single().Items.Single(i => i.ItemId == "6");
        (customs.Responses, customs.Percent, customs.IsInsufficient, customs.MeanPoints).ShouldBe((10, 80m, false, 74m));
        customs.Explanation.ShouldBe("有效答卷 10 份，平均 74 分（满分 100 分）；满意度 = 很满意、满意、基本满意的答案占全部答案的百分比，得 80");
        progress.Units.Single().Items.Single(i => i.ItemId == "7").Percent.ShouldBe(90m);
        progress.Days.Sum(d => d.Answers).ShouldBe(10);

        var item6 = await ItemAsync(walk, unit, "6");
        var item7 = await ItemAsync(walk, unit, "7");
        (item6.Score, item7.Score).ShouldBe((3m, 4m));
        item6.Facts.Single().Value.ToString().ShouldBe("80");
        // The result's explanation says where the figure came from: the number of sheets, the mean and the rule.
        var result = (await walk.ResultsAsync()).Of(unit).Items.Single(i => i.ItemId == "6");
        result.Score.ShouldBe(3m);
        result.Explanation.ShouldContain("问卷测评：有效答卷 10 份，平均 74 分（满分 100 分）");
    }

    [Fact]
    public async Task Answer_SameDeviceTwice_SecondIs409AndOnlyOneSheetIsKept()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        var phone = NewPhone();
        var (first, fields) = await OpenAsync(phone, path);
        var (second, _) = await OpenAsync(phone, path);
        walk.Advance(TimeSpan.FromSeconds(30));
        (await PostAsync(phone, path, first, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await PostAsync(phone, path, second, fields, Sheet(SatisfactionLevel.VeryDissatisfied, SatisfactionLevel.VeryDissatisfied));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("本设备已提交过对该单位的评价");
        // Opening the page again says so instead of showing the form.
        (await (await phone.Client.GetAsync(path)).Content.ReadAsStringAsync()).ShouldContain("本设备已提交过");
        (await SheetsAsync(walk.CampaignId)).ShouldBe(1);
    }

    [Fact]
    public async Task Invitation_UsedTwice_SecondIs409EvenFromAnotherDevice()
    {
        var (walk, unit, survey) = await StartAsync(app);
        await using var _ = walk;
        var created = await (await walk.Admin.PostJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}/invitations", new CreateInvitationsRequest(unit.Id, 3)))
            .ReadAsync<CreateInvitationsResult>();
        (created.Created, created.Total).ShouldBe((3, 3));
        var download = await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/invitations/export");
        var rows = Xlsx.ReadAll(await download.Content.ReadAsStreamAsync())["邀请码"];
        rows[0].ShouldBe(["单位", "邀请码", "作答地址", "状态"]);
        rows.Count.ShouldBe(4);
        var link = new Uri(rows[1][2]).AbsolutePath;
        link.ShouldBe($"/s/i/{rows[1][1]}");

        var phone = NewPhone();
        var other = NewPhone();
        var (ticket, fields) = await OpenAsync(phone, link);
        var (otherTicket, _) = await OpenAsync(other, link);
        walk.Advance(TimeSpan.FromSeconds(30));
        (await PostAsync(phone, link, ticket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reused = await PostAsync(other, link, otherTicket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied));
        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("该邀请码已经使用过");
        var after = Xlsx.ReadAll(await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/invitations/export")).Content.ReadAsStreamAsync())["邀请码"];
        after.Count(r => r[3] == "已使用").ShouldBe(1);
        (await SheetsAsync(walk.CampaignId)).ShouldBe(1);
    }

    [Fact]
    public async Task Answer_OutsideTheWindowOrAfterClosingEarly_Is409AndNothingIsKept()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        // Not yet open: the office moves the start a day ahead.
        var later = await (await walk.Admin.PutJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}",
            Request(survey, 3, SatisfactionDefinition.SatisfiedShare, walk.Now.AddDays(1).ToString("o"), walk, survey.Version))).ReadAsync<SurveyView>();
        later.StateName.ShouldBe("未开始");
        var phone = NewPhone();
        (await (await phone.Client.GetAsync(path)).Content.ReadAsStringAsync()).ShouldContain("尚未开始");

        var open = await (await walk.Admin.PutJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}",
            Request(survey, 3, SatisfactionDefinition.SatisfiedShare, null, walk, later.Version))).ReadAsync<SurveyView>();
        var (ticket, fields) = await OpenAsync(phone, path);
        walk.Advance(TimeSpan.FromSeconds(30));
        // A close on a version already changed is refused; the current one closes.
        await (await walk.Admin.PostJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}/close", new CloseSurveyRequest(later.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        var closed = await (await walk.Admin.PostJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}/close", new CloseSurveyRequest(open.Version)))
            .ReadAsync<SurveyView>();
        (closed.StateName, closed.IsOpen).ShouldBe(("已结束", false));
        var refused = await PostAsync(phone, path, ticket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("已结束");
        await (await walk.Admin.PostJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}/close", new CloseSurveyRequest(closed.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        // The window cannot outlast the campaign's schedule (its evidence deadline here).
        var tooLate = Request(survey, 3, SatisfactionDefinition.SatisfiedShare, null, walk, closed.Version) with { ClosesAt = walk.Now.AddDays(40).ToString("o") };
        var problem = await (await walk.Admin.PutJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}", tooLate)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("closesAt")[0].GetString()!.ShouldStartWith("结束时间不能晚于本批次的材料报送截止时间");
        (await SheetsAsync(walk.CampaignId)).ShouldBe(0);
    }

    [Fact]
    public async Task Answer_MoreThanTheLimitFromOneAddress_Is429EvenWithAForgedForwardedFor()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        var address = NewAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SurveyRateLimit.DefaultPerMinute; i++)
        {
            var phone = NewPhone(address);
            statuses.Add((await phone.Client.PostAsync(path, new FormUrlEncodedContent([new("t", "x")]))).StatusCode);
        }
        statuses.ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        var forged = NewPhone(address);
        forged.Client.DefaultRequestHeaders.Add("X-Forwarded-For", NewAddress());
        var limited = await forged.Client.PostAsync(path, new FormUrlEncodedContent([new("t", "x")]));
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.Content.ReadAsStringAsync()).ShouldContain("提交过于频繁");
        // Another address is not held back by the first; an API client gets ProblemDetails.
        var elsewhere = NewPhone();
        elsewhere.Client.DefaultRequestHeaders.Accept.Clear();
        (await elsewhere.Client.PostAsync(path, new FormUrlEncodedContent([new("t", "x")]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SheetsAsync(walk.CampaignId)).ShouldBe(0);
    }

    [Fact]
    public async Task Answer_HoneypotFilledOrTooFast_IsNotKept()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        var robot = NewPhone();
        var (ticket, fields) = await OpenAsync(robot, path);
        // Submitted the instant the page arrived: the person is asked to check their choices, the form keeps them.
        var fast = await PostAsync(robot, path, ticket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied));
        fast.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fast.Content.ReadAsStringAsync()).ShouldContain("提交太快了");
        walk.Advance(TimeSpan.FromSeconds(30));
        var trapped = await PostAsync(robot, path, ticket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied), honeypot: "http://spam.example");
        trapped.StatusCode.ShouldBe(HttpStatusCode.OK);
        var missing = await PostAsync(NewPhone(), path, ticket, fields[..1], [SatisfactionLevel.Satisfied]);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("请回答第 2 题");
        (await SheetsAsync(walk.CampaignId)).ShouldBe(0);
    }

    [Fact]
    public async Task Discard_AbusiveSheetWithReason_IsAuditedLeftOutOfTheFigureAndOnlyOnce()
    {
        var (walk, unit, survey) = await StartAsync(app, minimumSample: 2);
        await using var _ = walk;
        var path = Path(survey);
        await AnswerAsync(walk, () => NewPhone(), path, Sheet(SatisfactionLevel.VerySatisfied, SatisfactionLevel.VerySatisfied),
            Sheet(SatisfactionLevel.VerySatisfied, SatisfactionLevel.VerySatisfied), Sheet(SatisfactionLevel.VeryDissatisfied, SatisfactionLevel.VeryDissatisfied));
        (await ItemAsync(walk, unit, "6")).Score.ShouldBe(1m); // 2 of 3 satisfied: 66.67 → three steps below 90 → 1
        var sheets = await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/answers?unitId={unit.Id}")).ReadAsync<List<SurveyAnswerSheetView>>();
        var abusive = sheets.Single(s => s.Levels[0] == "很不满意");
        var url = $"/api/surveys/campaigns/{walk.CampaignId}/answers/{abusive.Id}/discard";

        (await unit.Liaison.PostJsonAsync(url, new DiscardAnswerRequest("联络员不能作废"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var noReason = await (await walk.Admin.PostJsonAsync(url, new DiscardAnswerRequest(" "))).ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("reason")[0].GetString()!.ShouldContain("作废理由");
        var discarded = await (await walk.Admin.PostJsonAsync(url, new DiscardAnswerRequest("同一时段连续提交，疑似刷票"))).ReadAsync<SurveyAnswerSheetView>();
        (discarded.Discarded, discarded.DiscardReason).ShouldBe((true, "同一时段连续提交，疑似刷票"));
        await (await walk.Admin.PostJsonAsync(url, new DiscardAnswerRequest("再次作废"))).ProblemAsync(HttpStatusCode.Conflict);

        (await ItemAsync(walk, unit, "6")).Score.ShouldBe(4m);
        var progress = await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/progress")).ReadAsync<SurveyProgressView>();
        (progress.Answers, progress.Discarded, progress.Units.Single().Items[0].Responses).ShouldBe((3, 1, 2));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var audit = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "survey-discard").OrderByDescending(e => e.Id).FirstAsync();
        (audit.Action, audit.After!.Contains("同一时段连续提交")).ShouldBe(("survey-discard.created", true));

        var export = await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/export");
        var workbook = Xlsx.ReadAll(await export.Content.ReadAsStreamAsync());
        workbook["答卷"].Count(r => r[^1].StartsWith("已作废：", StringComparison.Ordinal)).ShouldBe(1);
        workbook["测评结果"][1].Take(6).ShouldBe([unit.Name, "移风易俗", "2", "100", "100", "已计分"]);
    }

    [Fact]
    public async Task Answer_WithPersonalDetailsTyped_StoresNothingPersonal()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        var phone = NewPhone();
        var (ticket, fields) = await OpenAsync(phone, path);
        walk.Advance(TimeSpan.FromSeconds(30));
        phone.Client.DefaultRequestHeaders.Add("User-Agent", "MicroMessenger/8.0.47 Phone-Probe");
        var response = await PostAsync(phone, path, ticket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied),
            comment: "窗口服务很好，有事请联系我 138 0013 8000，身份证230102199001011234");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = phone.Cookie;

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var surveyId = await db.Surveys.IgnoreQueryFilters().Where(s => s.CampaignId == walk.CampaignId).Select(s => s.Id).SingleAsync();
        var columns = new List<string>();
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in new[] { "SurveyResponses", "SurveyAnswers" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = table == "SurveyResponses"
                ? $"SELECT * FROM \"SurveyResponses\" WHERE \"SurveyId\" = {surveyId}"
                : $"SELECT a.* FROM \"SurveyAnswers\" a JOIN \"SurveyResponses\" r ON r.\"Id\" = a.\"ResponseId\" WHERE r.\"SurveyId\" = {surveyId}";
            await using var reader = await command.ExecuteReaderAsync();
            for (var i = 0; i < reader.FieldCount; i++)
                columns.Add($"{table}.{reader.GetName(i)}");
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        // Every stored column, and what each holds: the unit, when, the device's hash, the levels, the masked text.
        columns.ShouldBe([
            "SurveyResponses.Id", "SurveyResponses.TenantId", "SurveyResponses.SurveyId", "SurveyResponses.UnitId", "SurveyResponses.InvitationId",
            "SurveyResponses.DeviceHash", "SurveyResponses.AnsweredAt", "SurveyResponses.Comment",
            "SurveyAnswers.ResponseId", "SurveyAnswers.QuestionId", "SurveyAnswers.Level",
        ], ignoreOrder: true);
        var all = string.Join("|", values);
        all.ShouldNotContain(phone.Address);
        all.ShouldNotContain("13800138000");
        all.ShouldNotContain("138 0013 8000");
        all.ShouldNotContain("230102199001011234");
        all.ShouldNotContain("MicroMessenger");
        all.ShouldContain("窗口服务很好，有事请联系我 （已隐去），身份证（已隐去）");
        cookie.ShouldNotBeNull();
        var device = cookie.Split(';')[0].Split('=')[1];
        all.ShouldNotContain(device);
        cookie.ShouldContain("httponly", Case.Insensitive);
        // Nor in the audit chain: an answer is not an audited act of anyone.
        (await db.AuditEvents.IgnoreQueryFilters().AnyAsync(e => e.EntityType == "survey-response")).ShouldBeFalse();
    }

    [Fact]
    public async Task QrCode_DecodedWithZbarimg_CarriesTheUnitsLinkAndThePosterNamesTheUnit()
    {
        var (walk, unit, survey) = await StartAsync(app);
        await using var _ = walk;
        var link = survey.Units.Single();
        link.Link.ShouldBe($"https://localhost{Path(survey)}");
        var png = await walk.Admin.GetAsync(link.QrCodeUrl);
        png.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var file = System.IO.Path.Combine(app.DataFolder, $"qr-{unit.Id}.png");
        await File.WriteAllBytesAsync(file, await png.Content.ReadAsByteArrayAsync());
        using var zbar = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true })!;
        var decoded = (await zbar.StandardOutput.ReadToEndAsync()).Trim();
        await zbar.WaitForExitAsync();
        decoded.ShouldBe(link.Link);

        // The office's public address, when set, is what the code carries (a service hall's visitors cannot reach the LAN name).
        var view = await (await walk.Admin.PutJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}",
            Request(survey, 3, SatisfactionDefinition.MeanPoints, null, walk, survey.Version) with { PublicBaseAddress = "https://xyb.example.gov.cn/" }))
            .ReadAsync<SurveyView>();
        view.Units.Single().Link.ShouldBe($"https://xyb.example.gov.cn{Path(survey)}");
        var poster = await (await NewPhone().Client.GetAsync(link.PosterUrl)).Content.ReadAsStringAsync();
        poster.ShouldContain(unit.Name);
        poster.ShouldContain("@page{size:A4");
        poster.ShouldContain($"https://xyb.example.gov.cn{Path(survey)}");
    }

    [Fact]
    public async Task SetUp_StaleVersionOrBadInput_IsRefusedAndChangesNothing()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var url = $"/api/surveys/campaigns/{walk.CampaignId}";
        await (await walk.Admin.PutJsonAsync(url, Request(survey, 5, SatisfactionDefinition.MeanPoints, null, walk, expectedVersion: 0)))
            .ProblemAsync(HttpStatusCode.Conflict);
        var bad = Request(survey, 0, SatisfactionDefinition.SatisfiedShare, null, walk, survey.Version) with
        {
            Questions = [new SurveyQuestionInput("1", "不是问卷指标")], VerySatisfiedPoints = -1,
        };
        var problem = await (await walk.Admin.PutJsonAsync(url, bad)).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("questions[0].itemId")[0].GetString().ShouldBe("问卷的题目须对应本批次考察方式为“问卷测评”的指标。");
        errors.GetProperty("minimumSample")[0].GetString()!.ShouldContain("最少有效答卷数");
        errors.GetProperty("points")[0].GetString().ShouldBe("每一档的分值须在 0 至 1000 之间。");
        errors.GetProperty("questions")[0].GetString().ShouldBe("指标「移风易俗」至少要有一道题。");
        (await walk.Reviewer.PutJsonAsync(url, Request(survey, 5, SatisfactionDefinition.MeanPoints, null, walk, survey.Version))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        var after = await (await walk.Admin.GetAsync(url)).ReadAsync<SurveyView>();
        (after.Version, after.MinimumSample, after.Definition).ShouldBe((survey.Version, 3, SatisfactionDefinition.SatisfiedShare));
    }

    private async Task<int> SheetsAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.SurveyResponses.IgnoreQueryFilters().CountAsync(r => db.Surveys.IgnoreQueryFilters().Any(s => s.Id == r.SurveyId && s.CampaignId == campaignId));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SurveyTestsOnSqlite(SqliteApp app) : SurveyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SurveyTestsOnPostgres(PostgresApp app) : SurveyTests(app);
