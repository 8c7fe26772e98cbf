using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// A unit's QR code (PNG) and its printable A4 poster for a service hall. Public like the link they carry: whoever holds the link may
/// see its code; the code carries the office's configured public address when set, else the address this request came by.
/// </summary>
public static class SurveyPoster
{
    public static async Task<IResult> QrCode(string token, ChengxinDbContext db, HttpRequest request, CancellationToken ct)
    {
        if (await LinkAsync(db, token, ct) is not { } found)
            return TypedResults.Problem(title: "未找到", detail: "问卷链接无效。", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.File(Png(SurveyContext.BaseAddress(found.Survey, request) + SurveyContext.LinkPath(token)), "image/png");
    }

    public static async Task<IResult> Poster(string token, ChengxinDbContext db, HttpRequest request, CancellationToken ct)
    {
        if (await LinkAsync(db, token, ct) is not { } found)
            return TypedResults.Problem(title: "未找到", detail: "问卷链接无效。", statusCode: StatusCodes.Status404NotFound);
        var link = SurveyContext.BaseAddress(found.Survey, request) + SurveyContext.LinkPath(token);
        return SurveyPage.Html(SurveyPage.Poster(found.Survey, found.UnitName, $"{SurveyContext.LinkPath(token)}/qr.png", link));
    }

    /// <summary>The QR code of an address: error correction M (a poster may get a scratch), 12 pixels a module for print.</summary>
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(12);
    }

    private static async Task<(SurveyRecord Survey, string UnitName)?> LinkAsync(ChengxinDbContext db, string token, CancellationToken ct)
    {
        if (token.Length is < 6 or > 20)
            return null;
        var link = await db.SurveyLinks.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.Token == token, ct);
        if (link is null)
            return null;
        var survey = await db.Surveys.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == link.SurveyId, ct);
        var name = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == link.UnitId).Select(u => u.Name).FirstAsync(ct);
        return (survey, name);
    }
}
