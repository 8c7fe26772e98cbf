using System.Net;
using System.Text;
using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// The public answering page: server-rendered HTML of a few KB with its CSS inline and a plain form POST, no script, so that it opens
/// fast on a slow phone connection and in WeChat's browser. Everything on it is Chinese and escaped.
/// </summary>
internal static class SurveyPage
{
    public const string HoneypotField = "website";
    public const string TicketField = "t";
    public const string CommentField = "comment";

    public static string QuestionField(SurveyQuestionRecord q) => $"q{q.Id}";

    private const string Style =
        "body{margin:0;font:16px/1.6 -apple-system,'PingFang SC','Microsoft YaHei',sans-serif;background:#f4f6f8;color:#222}" +
        "main{max-width:640px;margin:0 auto;padding:16px}h1{font-size:20px;margin:8px 0}.unit{color:#555;margin:0 0 8px}" +
        ".note{background:#fff;border-radius:8px;padding:12px;margin:12px 0}.msg{background:#fff4e5;border-left:4px solid #e6a23c;padding:10px 12px;margin:12px 0}" +
        ".ok{background:#f0f9eb;border-left-color:#67c23a}fieldset{border:0;background:#fff;border-radius:8px;margin:12px 0;padding:12px}" +
        "legend{font-weight:600;padding:0;margin-bottom:8px;float:left;width:100%}legend+*{clear:both}" +
        "label.o{display:block;border:1px solid #dcdfe6;border-radius:6px;padding:10px 12px;margin:6px 0}label.o input{margin-right:8px}" +
        "textarea{width:100%;box-sizing:border-box;min-height:80px;font:inherit;border:1px solid #dcdfe6;border-radius:6px;padding:8px}" +
        "button{width:100%;padding:14px;font-size:18px;border:0;border-radius:8px;background:#c0392b;color:#fff;margin:12px 0}" +
        ".hp{position:absolute;left:-5000px;height:0;overflow:hidden}small{color:#777}";

    public static string Form(SurveyRecord survey, string unitName, string ticket, IReadOnlyDictionary<long, int>? chosen = null, string? comment = null,
        string? message = null)
    {
        var html = Begin(survey.Title, unitName);
        if (message is not null)
            html.Append("<p class=\"msg\" role=\"alert\">").Append(E(message)).Append("</p>");
        if (survey.Intro.Length > 0)
            html.Append("<p class=\"note\">").Append(E(survey.Intro)).Append("</p>");
        html.Append("<form method=\"post\" autocomplete=\"off\">");
        html.Append("<input type=\"hidden\" name=\"").Append(TicketField).Append("\" value=\"").Append(E(ticket)).Append("\">");
        var no = 0;
        foreach (var q in survey.Questions.OrderBy(q => q.No))
        {
            no++;
            html.Append("<fieldset><legend>").Append(no).Append(". ").Append(E(q.Text)).Append("</legend>");
            foreach (var level in Satisfaction.Levels)
            {
                var value = (int)level;
                var isChosen = chosen is not null && chosen.TryGetValue(q.Id, out var c) && c == value;
                html.Append("<label class=\"o\"><input type=\"radio\" required name=\"").Append(QuestionField(q)).Append("\" value=\"").Append(value).Append('"')
                    .Append(isChosen ? " checked" : "").Append('>').Append(Satisfaction.Name(level)).Append("</label>");
            }
            html.Append("</fieldset>");
        }
        if (survey.AllowsComment)
            html.Append("<fieldset><legend>意见建议（选填）</legend><textarea name=\"").Append(CommentField).Append("\" maxlength=\"500\">")
                .Append(E(comment ?? "")).Append("</textarea><small>请勿填写姓名、电话等个人信息；连续的数字会被隐去。</small></fieldset>");
        // Invisible to people (and to screen readers); a form-filling robot fills it and is thanked without its sheet being kept.
        html.Append("<div class=\"hp\" aria-hidden=\"true\"><label>网址<input type=\"text\" name=\"").Append(HoneypotField)
            .Append("\" tabindex=\"-1\" autocomplete=\"off\"></label></div>");
        html.Append("<button type=\"submit\">提交</button><small>本问卷匿名，不收集姓名、电话和位置信息。</small></form>");
        return End(html);
    }

    public static string Message(string title, string unitName, string message, bool ok = false)
    {
        var html = Begin(title, unitName);
        html.Append("<p class=\"msg").Append(ok ? " ok" : "").Append("\">").Append(E(message)).Append("</p>");
        return End(html);
    }

    /// <summary>An A4 poster for a service hall: the unit's name, the survey's title, the QR code and the address under it.</summary>
    public static string Poster(SurveyRecord survey, string unitName, string qrPath, string link)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(unitName)).Append(" 满意度测评二维码</title><style>")
            .Append("@page{size:A4;margin:20mm}body{margin:0;font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;text-align:center;color:#222}")
            .Append(".p{width:170mm;margin:0 auto;padding-top:10mm}h1{font-size:30pt;margin:0 0 6mm}h2{font-size:20pt;font-weight:normal;margin:0 0 10mm}")
            .Append("img{width:110mm;height:110mm;image-rendering:pixelated}.a{font-size:12pt;color:#555;word-break:break-all;margin-top:6mm}")
            .Append(".t{font-size:18pt;margin-top:8mm}@media screen{body{background:#eee}.p{background:#fff;min-height:257mm;padding:20mm;box-shadow:0 0 4mm #aaa;margin:8mm auto}}")
            .Append("</style></head><body><div class=\"p\"><h1>").Append(E(unitName)).Append("</h1><h2>").Append(E(survey.Title)).Append("</h2>")
            .Append("<img alt=\"问卷二维码\" src=\"").Append(E(qrPath)).Append("\"><p class=\"t\">请用手机扫描二维码参与满意度测评</p>")
            .Append("<p>匿名填写，约需一分钟，不收集姓名、电话和位置</p><p class=\"a\">").Append(E(link)).Append("</p></div></body></html>");
        return html.ToString();
    }

    /// <summary>A refusal: a page for a browser (its Accept names text/html), ProblemDetails in Chinese for any other client.</summary>
    public static async Task RefuseAsync(HttpContext ctx, int status, string title, string message, string unitName = "")
    {
        ctx.Response.StatusCode = status;
        if (WantsHtml(ctx.Request))
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(Message(title, unitName, message));
            return;
        }
        await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx, ProblemDetails = { Status = status, Title = title, Detail = message },
        });
    }

    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static StringBuilder Begin(string title, string unitName) =>
        new StringBuilder("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body><main><h1>").Append(E(title)).Append("</h1>")
            .Append(unitName.Length > 0 ? $"<p class=\"unit\">评价对象：{E(unitName)}</p>" : "");

    private static string End(StringBuilder html) => html.Append("</main></body></html>").ToString();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
