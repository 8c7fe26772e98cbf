using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// A liaison's own report, 85 % of the reads on deadline day (issue 19, B5): read in a few queries whatever the campaign's size,
/// and answered exactly as the whole computation before the trim answered it (the web app and the browser tests read it).
/// </summary>
public abstract class SubmissionReadTests(AppFixture app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// A town on seed 002 (a scheme with a veto) with facts by its liaison, a reviewer's fact entered by the office that fires the
    /// veto, evidence, explanations, submitted and returned by the office (every item's verdict returned): the richest view there is.
    /// </summary>
    private static async Task<(Walk Walk, Member Town)> ReturnedTownWithVetoAsync(AppFixture app)
    {
        var walk = await Walk.StartAsync(app, "huaian-quarterly-2022");
        var town = await walk.UnitAsync("读取镇", "Town", "乡镇");
        var neighbour = await walk.UnitAsync("邻镇", "Town", "乡镇");
        await walk.OpenAsync("2022年第一季度", "2022Q1", [town, neighbour], walk.Now.AddDays(5), [walk.ReviewerId], new() { ["乡镇"] = "town" });
        await walk.SaveAsync(town, [("town_creation_plan", true), ("credit_villages_accepted", 2), ("credit_village_on_record", false),
            ("serious_dishonesty", true), ("investment_breaches", 1)]);
        await walk.EvidenceAsync(town, "5.1", "创建方案.txt", "信用村创建方案");
        await walk.ExplainOneAsync(town, "本季度未开展此项工作");
        (await walk.SubmitAsync(town)).State.ShouldBe(SubmissionState.Submitted);
        var returned = await walk.Admin.PostJsonAsync($"{walk.SubmissionUrl(town.Id)}/return",
            new ReturnSubmissionRequest("请补充信用村验收材料", walk.Now.AddDays(3).ToString("o", System.Globalization.CultureInfo.InvariantCulture)));
        returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        return (walk, town);
    }

    [Fact]
    public async Task GetSubmission_ReturnedUnitWithFactsEvidenceAndVeto_EqualsTheWholeComputation()
    {
        var (walk, town) = await ReturnedTownWithVetoAsync(app);
        await using var _ = walk;

        var response = await town.Liaison.GetAsync(walk.SubmissionUrl(town.Id));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await response.ReadAsync<SubmissionResponse>();

        view.State.ShouldBe(SubmissionState.Returned);
        view.SelfScore.Vetoes.ShouldNotBeEmpty();
        view.Items.SelectMany(i => i.Evidence).ShouldNotBeEmpty();
        view.Items.ShouldContain(i => i.Explanation != null);
        var reference = await WholeComputationAsync(walk.CampaignId, town.Id);
        JsonSerializer.Serialize(view, Json).ShouldBe(JsonSerializer.Serialize(reference, Json));
    }

    [Fact]
    public async Task GetSubmission_OneUnit_ReadsInAFewQueriesWithoutTheCampaignsMembers()
    {
        var (walk, town) = await ReturnedTownWithVetoAsync(app);
        await using var _ = walk;
        // Warm: the scheme's compiled form and the session are the process's, not the request's.
        (await town.Liaison.GetAsync(walk.SubmissionUrl(town.Id))).EnsureSuccessStatusCode();

        using var recorded = new ExecutedStatements();
        (await town.Liaison.GetAsync(walk.SubmissionUrl(town.Id))).EnsureSuccessStatusCode();

        // The handler's statements (the liaison's scope set): the unit, the campaign, the member, the submission, its items,
        // evidence and facts (once, for the facts query and for who entered them), the
        // platform's counts and the register, the attachments the notice asks for.
        var liaisonOfTown = recorded.Of(s => s.RoleWhenRun == Roles.Liaison && s.UnitIdWhenRun == town.Id);
        var statements = string.Join("\n\n", liaisonOfTown);
        liaisonOfTown.Count.ShouldBeLessThanOrEqualTo(MaxStatements, statements);
        // Neither every member of the campaign nor the scheme's frozen text is read for one unit's report.
        liaisonOfTown.Where(s => s.Contains(".\"SchemeClass\"", StringComparison.Ordinal))
            .ShouldAllBe(s => s.Contains("\"UnitId\" = @", StringComparison.Ordinal), statements);
        liaisonOfTown.ShouldNotContain(s => s.Contains("\"Yaml\"", StringComparison.Ordinal), statements);
    }

    [Fact]
    public async Task GetSubmission_OneUnit_ReadsItsEnteredFactsOnce()
    {
        var (walk, town) = await ReturnedTownWithVetoAsync(app);
        await using var _ = walk;
        (await town.Liaison.GetAsync(walk.SubmissionUrl(town.Id))).EnsureSuccessStatusCode();

        using var recorded = new ExecutedStatements();
        (await town.Liaison.GetAsync(walk.SubmissionUrl(town.Id))).EnsureSuccessStatusCode();

        // The facts query takes the rows the view reads for who entered them, instead of reading the same rows again.
        var liaisonOfTown = recorded.Of(s => s.RoleWhenRun == Roles.Liaison && s.UnitIdWhenRun == town.Id);
        liaisonOfTown.Count(s => s.Contains("FROM \"SubmissionFacts\"", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n\n", liaisonOfTown));
    }

    /// <summary>The view as the server computed it before the read path was trimmed (issue 19): the campaign with all its members, the scheme's text, three reads of the facts.</summary>
    private async Task<SubmissionResponse> WholeComputationAsync(long campaignId, long unitId)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var user = app.World.Users["a-admin"];
        services.ServiceProvider.GetRequiredService<AccessScope>()
            .SetUser(user.Id, "a-admin", user.Role, user.TenantId, user.UnitId, VisibleUnits.Subtree(app.World.Unit("A").Path));
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var versions = services.ServiceProvider.GetRequiredService<SchemeVersions>();

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == campaignId);
        var member = campaign.Units.First(u => u.UnitId == unitId);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId);
        var context = new SubmissionContext(campaign, unit, member.SchemeClass, versions.Compile(version), submission);

        var items = submission is null ? [] : await db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submission.Id).ToListAsync();
        var evidence = submission is null ? [] : await db.Evidence.AsNoTracking().Where(e => e.SubmissionId == submission.Id).OrderBy(e => e.Id).ToListAsync();
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), SpotCheckFindings.None, CancellationToken.None, context.Campaign.PeriodKey);
        var result = Scorer.Score(sheet.Facts(FactStage.Own));
        var reviewDone = submission?.State is SubmissionState.Reviewed or SubmissionState.Confirmed;
        var reviewed = reviewDone ? Scorer.Score(sheet.Facts(FactStage.Reviewed)) : null;
        var verdicts = reviewDone ? await db.ItemReviews.AsNoTracking().Where(r => r.SubmissionId == submission!.Id).ToDictionaryAsync(r => r.ItemId) : [];
        var deciding = context.Scheme.FactDefinitions.Select(f => sheet.Deciding(f.Key, FactStage.Own)).OfType<FactEntry>().ToDictionary(e => e.Key);
        var enteredIds = deciding.Values.Where(e => !e.Source.Counted).Select(e => e.Sequence).ToList();
        var entered = await db.SubmissionFacts.AsNoTracking().Where(f => enteredIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id);
        FactEntryView Entry(FactDefinition f)
        {
            if (!deciding.TryGetValue(f.Key, out var d))
                return new FactEntryView(f.Key, f.Label, f.Type, null, null, null, null);
            if (d.Source.Counted)
                return new FactEntryView(f.Key, f.Label, f.Type,
                    f.Type == FactType.Bool ? JsonSerializer.SerializeToElement(d.Value.Number != 0) : JsonSerializer.SerializeToElement((long)d.Value.Number),
                    "平台统计", ReportLog.SystemSource, null);
            var v = entered[d.Sequence];
            return new FactEntryView(f.Key, f.Label, f.Type, JsonDocument.Parse(v.ValueJson).RootElement.Clone(), v.EnteredByName, v.EnteredRole, Local(v.EnteredAt));
        }
        var views = context.Scheme.Items.Select(compiled =>
        {
            var item = compiled.Item;
            var row = items.FirstOrDefault(i => i.ItemId == item.Id);
            var score = result.Items[compiled.Index];
            var applies = item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name);
            return new SubmissionItemView(item.Id, item.No, item.Title, item.Max, applies, row?.Explanation, row?.FactsVersion ?? 0,
                item.Facts.Select(Entry).ToList(), evidence.Where(e => e.ItemId == item.Id).Select(SubmissionView.Receipt).ToList(),
                score.Status, score.Score, Explainer.Explain(result, compiled.Index), row?.LateEditAt is { } lateAt ? Local(lateAt) : null,
                submission is null ? null : ManageItemDeadlines.EditDeadline(context.Campaign, submission, row).ToOffset(BeijingTime.Offset),
                row?.ExceptionReason,
                reviewed is null || !applies ? null : new ReviewedItemView(reviewed.Items[compiled.Index].Score, Explainer.Explain(reviewed, compiled.Index),
                    verdicts.TryGetValue(item.Id, out var v) ? ItemReview.StateName(v.State) : "待复核", verdicts.TryGetValue(item.Id, out var r) ? r.Reason : null));
        }).ToList();
        var checklist = await SubmissionChecklist.LoadAsync(db, context, CancellationToken.None);
        return new SubmissionResponse(campaign.Id, unit.Id, unit.Name, context.SchemeClass,
            submission?.State ?? SubmissionState.Draft, DomainSubmission.StateName(submission?.State ?? SubmissionState.Draft),
            Local(submission?.Due ?? campaign.EvidenceDue), submission?.SubmittedAt is { } at ? Local(at) : null,
            submission?.IsLate ?? false, submission?.LateBySeconds ?? 0, submission?.ReturnReason,
            submission?.ReturnDue is { } rd ? Local(rd) : null, submission?.DueExceptionReason, submission?.Round ?? 0,
            new SelfScoreView(result.Total, result.Grade, result.Vetoes, Explainer.ExplainTotal(result)), views,
            submission?.BaselineCampaignId, submission?.BaselineConfirmedAt is { } bc ? Local(bc) : null, submission?.BaselineConfirmedBy,
            checklist.Missing, reviewed is null ? null : new ReviewedScoreView(reviewed.Total, reviewed.Grade, Explainer.ExplainTotal(reviewed)));
    }

    private const int MaxStatements = 13;
}

[Collection(SqliteCollection.Name)]
public sealed class SubmissionReadTestsOnSqlite(SqliteApp app) : SubmissionReadTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SubmissionReadTestsOnPostgres(PostgresApp app) : SubmissionReadTests(app);
