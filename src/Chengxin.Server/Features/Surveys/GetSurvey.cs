using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

public sealed record SurveyQuestionView(string ItemId, string ItemTitle, string Text);

public sealed record SurveyLevelView(SatisfactionLevel Level, string Name, decimal Points);

public sealed record SurveyDefinitionOption(SatisfactionDefinition Definition, string Name);

/// <summary>A unit's public link: the address, its QR code (PNG) and its printable poster, and how many sheets it has.</summary>
public sealed record SurveyUnitLinkView(long UnitId, string UnitName, string Link, string QrCodeUrl, string PosterUrl, int Answers, int Invitations,
    int InvitationsUsed);

/// <summary>
/// A campaign's questionnaire as the office sees it. Before it is set up, <see cref="Exists"/> is false and the questions are the
/// scheme's 问卷测评 items with a suggested wording; <see cref="Version"/> is then 0.
/// </summary>
public sealed record SurveyView(long CampaignId, string CampaignName, bool Exists, int Version, string Title, string Intro,
    IReadOnlyList<SurveyQuestionView> Questions, IReadOnlyList<SurveyLevelView> Levels, SatisfactionDefinition Definition, string DefinitionName,
    IReadOnlyList<SurveyDefinitionOption> Definitions, int MinimumSample, bool AllowsComment, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedEarlyAt, bool IsOpen, string StateName, string? PublicBaseAddress, IReadOnlyList<SurveyUnitLinkView> Units);

/// <summary>The questionnaire of a campaign, its settings and each unit's link (scope-filtered: a unit's own people see their unit only).</summary>
public static class GetSurvey
{
    public const int DefaultMinimumSample = 30;

    public static async Task<IResult> Get(long campaignId, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, HttpRequest request,
        CancellationToken ct)
    {
        if (await SurveyContext.VisibleAsync(db, versions, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var (campaign, scheme) = found;
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        return TypedResults.Ok(await ViewAsync(db, campaign, scheme.Scheme, survey, clock.GetUtcNow(), request, ct));
    }

    internal static async Task<SurveyView> ViewAsync(ChengxinDbContext db, Campaign campaign, Chengxin.Domain.Schemes.Scheme scheme, SurveyRecord? survey,
        DateTimeOffset now, HttpRequest request, CancellationToken ct)
    {
        var titles = scheme.Items.ToDictionary(i => i.Id, i => i.Title);
        var definitions = Enum.GetValues<SatisfactionDefinition>().Select(d => new SurveyDefinitionOption(d, Satisfaction.Name(d))).ToList();
        if (survey is null)
        {
            var items = SurveyContext.SurveyedItems(scheme);
            var questions = items.Select(i => new SurveyQuestionView(i.Id, i.Title, $"您对本单位“{i.Title}”工作的满意程度如何？")).ToList();
            var closes = BeijingTime.Utc(campaign.ReviewDue ?? campaign.EvidenceDue);
            return new SurveyView(campaign.Id, campaign.Name, false, 0, $"{campaign.Name}群众满意度测评", "本问卷匿名填写，不收集姓名、电话和位置，约需一分钟。",
                questions, Levels(LevelPoints.Default), SatisfactionDefinition.SatisfiedShare, Satisfaction.Name(SatisfactionDefinition.SatisfiedShare), definitions,
                DefaultMinimumSample, true, now, closes, null, false, "未设置", null, []);
        }
        var links = await db.SurveyLinks.AsNoTracking().Where(l => l.SurveyId == survey.Id).ToListAsync(ct);
        var unitIds = links.Select(l => l.UnitId).ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var answers = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id).GroupBy(r => r.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var invitations = await db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == survey.Id).GroupBy(i => i.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var used = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id && r.InvitationId != null).GroupBy(r => r.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var order = campaign.Units.Select((u, i) => (u.UnitId, i)).ToDictionary(x => x.UnitId, x => x.i);
        var baseAddress = SurveyContext.BaseAddress(survey, request);
        var units = links.Where(l => names.ContainsKey(l.UnitId)).OrderBy(l => order.GetValueOrDefault(l.UnitId, int.MaxValue))
            .Select(l => new SurveyUnitLinkView(l.UnitId, names[l.UnitId], baseAddress + SurveyContext.LinkPath(l.Token),
                $"{SurveyContext.LinkPath(l.Token)}/qr.png", $"{SurveyContext.LinkPath(l.Token)}/poster", answers.GetValueOrDefault(l.UnitId),
                invitations.GetValueOrDefault(l.UnitId), used.GetValueOrDefault(l.UnitId))).ToList();
        var state = SurveyWindow.State(survey, now);
        return new SurveyView(campaign.Id, campaign.Name, true, survey.Version, survey.Title, survey.Intro,
            survey.Questions.OrderBy(q => q.No).Select(q => new SurveyQuestionView(q.ItemId, titles.GetValueOrDefault(q.ItemId, q.ItemId), q.Text)).ToList(),
            Levels(survey.Points), survey.Definition, Satisfaction.Name(survey.Definition), definitions, survey.MinimumSample, survey.AllowsComment,
            BeijingTime.Utc(survey.OpensAt), BeijingTime.Utc(survey.ClosesAt), BeijingTime.Utc(survey.ClosedEarlyAt), state == SurveyWindow.Open,
            SurveyWindow.Name(state), survey.PublicBaseAddress, units);
    }

    private static List<SurveyLevelView> Levels(LevelPoints points) =>
        Satisfaction.Levels.Select(l => new SurveyLevelView(l, Satisfaction.Name(l), points.Of(l))).ToList();
}

/// <summary>Whether the public may answer now: the office's window, closed early by the office.</summary>
internal static class SurveyWindow
{
    public const string NotYet = "not-yet";
    public const string Open = "open";
    public const string Closed = "closed";

    public static string State(SurveyRecord survey, DateTimeOffset now) =>
        survey.ClosedEarlyAt is not null || now >= BeijingTime.Utc(survey.ClosesAt) ? Closed
        : now < BeijingTime.Utc(survey.OpensAt) ? NotYet : Open;

    public static string Name(string state) => state switch
    {
        NotYet => "未开始",
        Open => "进行中",
        _ => "已结束",
    };
}
