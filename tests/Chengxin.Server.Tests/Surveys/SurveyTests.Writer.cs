using System.Net;
using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Surveys;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Surveys;

/// <summary>
/// The answering path under many sheets at once: sheets go through one writer that commits a batch in one transaction and thanks
/// each person only after the commit; the insert itself tells a duplicate, so two sheets of one device or invitation in flight
/// together end as one stored and one told so; a sheet the database refuses does not take its batch with it.
/// </summary>
public abstract partial class SurveyTests
{
    [Fact]
    public async Task Answer_TwentyPhonesAtOnce_EveryoneIsThankedAndEverySheetStored()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        var opened = new List<(Phone Phone, string Ticket, List<string> Fields)>();
        for (var i = 0; i < 20; i++)
        {
            var phone = NewPhone();
            var (ticket, fields) = await OpenAsync(phone, path);
            opened.Add((phone, ticket, fields));
        }
        walk.Advance(TimeSpan.FromSeconds(30));
        var responses = await Task.WhenAll(opened.Select(o => PostAsync(o.Phone, path, o.Ticket, o.Fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.VerySatisfied))));
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("提交成功");
        }
        (await SheetsAsync(walk.CampaignId)).ShouldBe(20);
        var progress = await (await walk.Admin.GetAsync($"/api/surveys/campaigns/{walk.CampaignId}/progress")).ReadAsync<SurveyProgressView>();
        progress.Units.Single().Items.ShouldAllBe(i => i.Responses == 20 && i.Percent == 100m);
    }

    [Fact]
    public async Task Answer_SameDeviceTwiceAtOnce_OneIsStoredAndTheOtherToldItAnsweredAlready()
    {
        var (walk, _, survey) = await StartAsync(app);
        await using var _ = walk;
        var path = Path(survey);
        var phone = NewPhone();
        var (first, fields) = await OpenAsync(phone, path);
        var (second, _) = await OpenAsync(phone, path);
        walk.Advance(TimeSpan.FromSeconds(30));
        var responses = await Task.WhenAll(
            PostAsync(phone, path, first, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied)),
            PostAsync(phone, path, second, fields, Sheet(SatisfactionLevel.VeryDissatisfied, SatisfactionLevel.VeryDissatisfied)));
        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync()).ShouldContain("本设备已提交过对该单位的评价");
        (await SheetsAsync(walk.CampaignId)).ShouldBe(1);
    }

    [Fact]
    public async Task Invitation_TwoDevicesAtOnce_OneIsStoredAndTheOtherToldTheCodeIsUsed()
    {
        var (walk, unit, _) = await StartAsync(app);
        await using var _ = walk;
        await (await walk.Admin.PostJsonAsync($"/api/surveys/campaigns/{walk.CampaignId}/invitations", new CreateInvitationsRequest(unit.Id, 1)))
            .ReadAsync<CreateInvitationsResult>();
        string code;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            code = await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().SurveyInvitations.IgnoreQueryFilters()
                .Where(i => i.UnitId == unit.Id).Select(i => i.Code).SingleAsync();
        var link = SurveyContext.InvitationPath(code);
        var (one, other) = (NewPhone(), NewPhone());
        var (ticket, fields) = await OpenAsync(one, link);
        var (otherTicket, _) = await OpenAsync(other, link);
        walk.Advance(TimeSpan.FromSeconds(30));
        var responses = await Task.WhenAll(
            PostAsync(one, link, ticket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied)),
            PostAsync(other, link, otherTicket, fields, Sheet(SatisfactionLevel.Satisfied, SatisfactionLevel.Satisfied)));
        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync()).ShouldContain("该邀请码已经使用过");
        (await SheetsAsync(walk.CampaignId)).ShouldBe(1);
    }

    [Fact]
    public async Task Writer_OneBatchWithARefusedSheetAndADuplicate_StoresTheOthersAndSaysWhatBecameOfEach()
    {
        var (walk, unit, _) = await StartAsync(app);
        await using var _ = walk;
        var sheet = await SheetAsync(walk, unit);
        var writer = app.Factory.Services.GetRequiredService<SurveyAnswerWriter>();
        // The third answers a question that does not exist (as if the office had replaced the questions meanwhile): the database refuses it.
        var batch = await writer.CommitAsync([
            sheet with { DeviceHash = Device(1) },
            sheet with { DeviceHash = Device(2) },
            sheet with { DeviceHash = Device(3), Answers = [(long.MaxValue, SatisfactionLevel.Satisfied)] },
            sheet with { DeviceHash = Device(2) },
            sheet with { DeviceHash = Device(4) },
        ]);
        batch.Outcomes.ShouldBe([SheetOutcome.Stored, SheetOutcome.Stored, SheetOutcome.NotStored, SheetOutcome.DeviceAnswered, SheetOutcome.Stored]);
        (await SheetsAsync(walk.CampaignId)).ShouldBe(3);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        (await db.SurveyAnswers.IgnoreQueryFilters().CountAsync(a => db.SurveyResponses.IgnoreQueryFilters()
            .Any(r => r.Id == a.ResponseId && r.UnitId == unit.Id))).ShouldBe(3 * sheet.Answers.Count);
    }

    [Fact]
    public async Task Writer_BatchOfFiveSheetsOfOneUnit_MarksItsStoredResultStaleOnce()
    {
        var (walk, unit, _) = await StartAsync(app);
        await using var _ = walk;
        // Reading the results stores the unit's row, fresh.
        await walk.ResultsAsync();
        (await StoredResultIsStaleAsync(walk, unit)).ShouldBeFalse();
        var sheet = await SheetAsync(walk, unit);

        var batch = await app.Factory.Services.GetRequiredService<SurveyAnswerWriter>()
            .CommitAsync(Enumerable.Range(10, 5).Select(i => sheet with { DeviceHash = Device(i) }).ToList());

        batch.Outcomes.ShouldAllBe(o => o == SheetOutcome.Stored);
        batch.StaleMarks.ShouldBe(1);
        (await StoredResultIsStaleAsync(walk, unit)).ShouldBeTrue();
    }

    private static string Device(int n) => n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A checked sheet for the unit, as the answering page hands it to the writer.</summary>
    private async Task<NewSheet> SheetAsync(Walk walk, Member unit)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var survey = await db.Surveys.IgnoreQueryFilters().Include(s => s.Questions).SingleAsync(s => s.CampaignId == walk.CampaignId);
        return new NewSheet(survey.TenantId, survey.Id, survey.CampaignId, unit.Id, null, Device(0), walk.Now.UtcDateTime, null,
            survey.Questions.OrderBy(q => q.No).Select(q => (q.Id, SatisfactionLevel.Satisfied)).ToList());
    }

    private async Task<bool> StoredResultIsStaleAsync(Walk walk, Member unit)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.UnitResults.IgnoreQueryFilters().Where(r => r.CampaignId == walk.CampaignId && r.UnitId == unit.Id).Select(r => r.IsStale).SingleAsync();
    }
}
