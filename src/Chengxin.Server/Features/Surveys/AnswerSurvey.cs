using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// The public answers a unit's questionnaire, without signing in, by the unit's link (/s/{token}) or an invitation (/s/i/{code}).
/// One sheet per device and unit (an HttpOnly random cookie, stored only as its SHA-256), one per invitation, only inside the window,
/// at most so many per network address a minute (<see cref="SurveyRateLimit"/>). Robots meet a field people never see and a minimum
/// time between the page and the sheet. Nothing personal is kept: no name, phone number, address, location or network address;
/// digit runs in the open text are masked. A sheet is appended, never changed, and marks the unit's stored result stale.
/// A request reads one small row (which survey, its version, the campaign's state, the unit's name) and takes the questionnaire from
/// <see cref="SurveyQuestionnaires"/>; a checked sheet goes to <see cref="SurveyAnswerWriter"/>, whose insert is also the duplicate
/// check, and the person is thanked only once its batch has committed.
/// </summary>
public static partial class AnswerSurvey
{
    public const string DeviceCookie = "cx_survey";
    public const int DefaultMinimumFillSeconds = 3;

    private sealed record Target(SurveyRecord Survey, long UnitId, string UnitName, long? InvitationId, CampaignState CampaignState);

    /// <summary>Where a link or invitation leads, read fresh on every request: the questionnaire's version says whether the cached one still holds.</summary>
    private sealed record Route(long SurveyId, int Version, long UnitId, string UnitName, CampaignState CampaignState, long? InvitationId);

    public static async Task<IResult> ShowByLink(string token, HttpContext http, ChengxinDbContext db, SurveyQuestionnaires questionnaires,
        IDataProtectionProvider protection, TimeProvider clock, CancellationToken ct) =>
        await ShowAsync(await ByLinkAsync(db, questionnaires, token, ct), token, http, db, protection, clock, ct);

    public static async Task<IResult> ShowByInvitation(string code, HttpContext http, ChengxinDbContext db, SurveyQuestionnaires questionnaires,
        IDataProtectionProvider protection, TimeProvider clock, CancellationToken ct) =>
        await ShowAsync(await ByInvitationAsync(db, questionnaires, code, ct), "i/" + code, http, db, protection, clock, ct);

    public static async Task<IResult> AnswerByLink(string token, HttpContext http, ChengxinDbContext db, SurveyQuestionnaires questionnaires,
        SurveyAnswerWriter writer, IDataProtectionProvider protection, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
        await AnswerAsync(await ByLinkAsync(db, questionnaires, token, ct), token, http, writer, protection, clock, config, ct);

    public static async Task<IResult> AnswerByInvitation(string code, HttpContext http, ChengxinDbContext db, SurveyQuestionnaires questionnaires,
        SurveyAnswerWriter writer, IDataProtectionProvider protection, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
        await AnswerAsync(await ByInvitationAsync(db, questionnaires, code, ct), "i/" + code, http, writer, protection, clock, config, ct);

    private static async Task<IResult> ShowAsync(Target? target, string path, HttpContext http, ChengxinDbContext db, IDataProtectionProvider protection,
        TimeProvider clock, CancellationToken ct)
    {
        if (target is null)
            return Refusal(http, StatusCodes.Status404NotFound, "问卷不存在", "问卷链接或邀请码无效，请核对后重新扫码。");
        var device = Device(http);
        if (Closed(target, clock.GetUtcNow()) is { } closed)
            return SurveyPage.Html(SurveyPage.Message(target.Survey.Title, target.UnitName, closed));
        if (await AnsweredAsync(db, target, device, ct) is { } answered)
            return SurveyPage.Html(SurveyPage.Message(target.Survey.Title, target.UnitName, answered, ok: true));
        return SurveyPage.Html(SurveyPage.Form(target.Survey, target.UnitName, Ticket(protection, path, clock.GetUtcNow())));
    }

    private static async Task<IResult> AnswerAsync(Target? target, string path, HttpContext http, SurveyAnswerWriter writer,
        IDataProtectionProvider protection, TimeProvider clock, IConfiguration config, CancellationToken ct)
    {
        if (target is null)
            return Refusal(http, StatusCodes.Status404NotFound, "问卷不存在", "问卷链接或邀请码无效，请核对后重新扫码。");
        if (!http.Request.HasFormContentType || http.Request.ContentLength is > 64 * 1024)
            return Refusal(http, StatusCodes.Status400BadRequest, "提交内容有误", "请在问卷页面上填写后提交。", target.UnitName);
        var form = await http.Request.ReadFormAsync(ct);
        var now = clock.GetUtcNow();
        var survey = target.Survey;
        var questions = survey.Questions;
        var chosen = new Dictionary<long, int>();
        foreach (var q in questions)
        {
            if (int.TryParse(form[SurveyPage.QuestionField(q)].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                && Enum.IsDefined((SatisfactionLevel)level))
                chosen[q.Id] = level;
        }
        var comment = survey.AllowsComment ? Mask(form[SurveyPage.CommentField].ToString()) : null;
        string Again() => Ticket(protection, path, now);

        // A robot that filled the field no person sees is thanked, and nothing is kept.
        if (form[SurveyPage.HoneypotField].ToString().Length > 0)
            return SurveyPage.Html(SurveyPage.Message(survey.Title, target.UnitName, Thanks, ok: true));
        if (Closed(target, now) is { } closed)
            return Refusal(http, StatusCodes.Status409Conflict, survey.Title, closed, target.UnitName);
        if (ReadTicket(protection, form[SurveyPage.TicketField].ToString(), path) is not { } shown)
            return Refusal(http, StatusCodes.Status400BadRequest, survey.Title, "页面已过期，请刷新后重新填写。", target.UnitName);
        var minimum = TimeSpan.FromSeconds(config.GetValue("Chengxin:Surveys:MinimumFillSeconds", DefaultMinimumFillSeconds));
        if (now - shown < minimum)
            return Form(http, StatusCodes.Status400BadRequest, survey, target, Again(), chosen, comment, "提交太快了，请确认每道题的选择后再提交。");
        if (questions.FirstOrDefault(q => !chosen.ContainsKey(q.Id)) is { } missing)
            return Form(http, StatusCodes.Status400BadRequest, survey, target, Again(), chosen, comment, $"请回答第 {missing.No} 题。");
        if (comment is { Length: > 500 })
            return Form(http, StatusCodes.Status400BadRequest, survey, target, Again(), chosen, comment[..500], "意见建议最多 500 字。");

        // Not the request's token: once queued the sheet is written whether or not the phone still waits, and it counts.
        var outcome = await writer.WriteAsync(new NewSheet(survey.TenantId, survey.Id, survey.CampaignId, target.UnitId, target.InvitationId,
            Hash(Device(http)), now.UtcDateTime, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            questions.Select(q => (q.Id, (SatisfactionLevel)chosen[q.Id])).ToList()));
        return outcome switch
        {
            SheetOutcome.Stored => SurveyPage.Html(SurveyPage.Message(survey.Title, target.UnitName, Thanks, ok: true)),
            SheetOutcome.DeviceAnswered => Refusal(http, StatusCodes.Status409Conflict, survey.Title, DeviceAnswered, target.UnitName),
            SheetOutcome.InvitationUsed => Refusal(http, StatusCodes.Status409Conflict, survey.Title, InvitationUsed, target.UnitName),
            // The person keeps their choices on the page and may send them again.
            _ => Form(http, StatusCodes.Status503ServiceUnavailable, survey, target, Again(), chosen, comment, "暂时无法保存答卷，请稍后再提交一次。"),
        };
    }

    private const string Thanks = "提交成功，感谢您的参与！";
    private const string DeviceAnswered = "本设备已提交过对该单位的评价，感谢您的参与。";
    private const string InvitationUsed = "该邀请码已经使用过，每个邀请码只能提交一次。";

    private static async Task<Target?> ByLinkAsync(ChengxinDbContext db, SurveyQuestionnaires questionnaires, string token, CancellationToken ct)
    {
        if (token.Length is < 6 or > 20)
            return null;
        var route = await (
            from l in db.SurveyLinks.IgnoreQueryFilters()
            join s in db.Surveys.IgnoreQueryFilters() on l.SurveyId equals s.Id
            join c in db.Campaigns.IgnoreQueryFilters() on s.CampaignId equals c.Id
            join u in db.Units.IgnoreQueryFilters() on l.UnitId equals u.Id
            where l.Token == token
            select new Route(s.Id, s.Version, l.UnitId, u.Name, c.State, null)).FirstOrDefaultAsync(ct);
        return await TargetAsync(db, questionnaires, route, ct);
    }

    private static async Task<Target?> ByInvitationAsync(ChengxinDbContext db, SurveyQuestionnaires questionnaires, string code, CancellationToken ct)
    {
        if (code.Length is < 6 or > 20)
            return null;
        var normalised = code.Trim().ToUpperInvariant();
        var route = await (
            from i in db.SurveyInvitations.IgnoreQueryFilters()
            join s in db.Surveys.IgnoreQueryFilters() on i.SurveyId equals s.Id
            join c in db.Campaigns.IgnoreQueryFilters() on s.CampaignId equals c.Id
            join u in db.Units.IgnoreQueryFilters() on i.UnitId equals u.Id
            where i.Code == normalised
            select new Route(s.Id, s.Version, i.UnitId, u.Name, c.State, (long?)i.Id)).FirstOrDefaultAsync(ct);
        return await TargetAsync(db, questionnaires, route, ct);
    }

    private static async Task<Target?> TargetAsync(ChengxinDbContext db, SurveyQuestionnaires questionnaires, Route? route, CancellationToken ct) =>
        route is not null && await questionnaires.GetAsync(db, route.SurveyId, route.Version, ct) is { } survey
            ? new Target(survey, route.UnitId, route.UnitName, route.InvitationId, route.CampaignState)
            : null;

    private static string? Closed(Target target, DateTimeOffset now)
    {
        if (target.CampaignState is CampaignState.Voided or CampaignState.Published)
            return "本次满意度测评已结束，感谢您的关注。";
        return SurveyWindow.State(target.Survey, now) switch
        {
            SurveyWindow.NotYet => $"本次满意度测评尚未开始，开始时间：{BeijingTime.Local(target.Survey.OpensAt):yyyy年M月d日 HH:mm}。",
            SurveyWindow.Closed => "本次满意度测评已结束，感谢您的关注。",
            _ => null,
        };
    }

    private static async Task<string?> AnsweredAsync(ChengxinDbContext db, Target target, string device, CancellationToken ct)
    {
        if (target.InvitationId is { } invitation
            && await db.SurveyResponses.IgnoreQueryFilters().AnyAsync(r => r.InvitationId == invitation, ct))
            return InvitationUsed;
        var hash = Hash(device);
        return await db.SurveyResponses.IgnoreQueryFilters()
            .AnyAsync(r => r.SurveyId == target.Survey.Id && r.UnitId == target.UnitId && r.DeviceHash == hash, ct) ? DeviceAnswered : null;
    }

    /// <summary>The device's random value from its cookie, or a new one set now (a year, this path only, never readable by script).</summary>
    private static string Device(HttpContext http)
    {
        if (http.Items[DeviceCookie] is string set)
            return set;
        var value = http.Request.Cookies[DeviceCookie];
        if (value is not { Length: 32 } || !value.All(char.IsAsciiHexDigitLower))
        {
            value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Response.Cookies.Append(DeviceCookie, value, new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/s", MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }
        http.Items[DeviceCookie] = value;
        return value;
    }

    private static string Hash(string device) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(device)));

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("Chengxin.Surveys.Form");

    /// <summary>When the page was shown and for which address, sealed so that a robot cannot backdate it.</summary>
    private static string Ticket(IDataProtectionProvider protection, string path, DateTimeOffset now) =>
        Protector(protection).Protect($"{path}|{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    private static DateTimeOffset? ReadTicket(IDataProtectionProvider protection, string ticket, string path)
    {
        try
        {
            var parts = Protector(protection).Unprotect(ticket).Split('|');
            return parts.Length == 2 && parts[0] == path && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Runs of six or more digits (a phone or id number typed into the open text) are masked before anything is stored.</summary>
    public static string? Mask(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : DigitRun().Replace(text.Trim(), "（已隐去）");

    [GeneratedRegex(@"\d[\d\s\-]{4,}[\dXx]")]
    private static partial Regex DigitRun();

    private static IResult Refusal(HttpContext http, int status, string title, string message, string unitName = "") =>
        SurveyPage.WantsHtml(http.Request)
            ? SurveyPage.Html(SurveyPage.Message(title, unitName, message), status)
            : TypedResults.Problem(title: title, detail: message, statusCode: status);

    private static IResult Form(HttpContext http, int status, SurveyRecord survey, Target target, string ticket, Dictionary<long, int> chosen, string? comment,
        string message) =>
        SurveyPage.WantsHtml(http.Request)
            ? SurveyPage.Html(SurveyPage.Form(survey, target.UnitName, ticket, chosen, comment, message), status)
            : TypedResults.Problem(title: survey.Title, detail: message, statusCode: status);
}
