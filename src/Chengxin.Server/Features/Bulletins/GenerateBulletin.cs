using System.Security.Cryptography;
using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Bulletins;

/// <summary>
/// The office's bulletin (通报) of a published campaign, as DOCX (the default layout, or the office's own template sent as the
/// request body) or PDF. Only a published version goes into a bulletin: it leaves the office. Every file made is audited with
/// its SHA-256, the published version it was made from and the template's SHA-256, so a copy on someone's desk can be traced.
/// </summary>
public static class GenerateBulletin
{
    public const string Action = "bulletin.generated";

    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A template is a Word file with a few pictures at most.</summary>
    public const long MaxTemplateBytes = 10 * 1024 * 1024;

    public static async Task<IResult> Handle(long id, string? format, string? number, string? addressee, string? copyTo, HttpRequest http,
        ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation()
            .Check(format is null or "docx" or "pdf", "format", "格式只能是 DOCX 或 PDF。")
            .Optional("number", number, "文号", 50)
            .Optional("addressee", addressee, "主送", 200)
            .Optional("copyTo", copyTo, "抄送", 200);
        if (!validation.IsValid)
            return validation.Problem();
        var pdf = format == "pdf";

        // A bulletin speaks for the whole campaign: the caller must see every unit of it, as for any change to the campaign.
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var template = http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0 ? await Uploads.ReadAsync(http, MaxTemplateBytes, ct) : null;
        if (template is { Length: 0 })
            template = null;
        if (template is not null && pdf)
            return new Validation().Check(false, "file", "自定义模板只用于生成 Word（DOCX）通报；PDF 按默认版式生成。").Problem();

        if (await BulletinSource.ReadAsync(db, versions, campaign, forPublic: false, ct) is not var (input, version))
            return ProblemResponses.Conflict("该批次的评价结果尚未发布，通报只能依据已发布的结果生成。请先完成发布。");

        var office = await db.CreditOffices.AsNoTracking().Where(o => o.Id == campaign.TenantId).Select(o => o.Name).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var header = new BulletinHeader(office, Trimmed(number), DateOnly.FromDateTime(BeijingTime.Local(now).DateTime))
        {
            Addressee = Trimmed(addressee),
            CopyTo = Trimmed(copyTo),
        };
        var content = BulletinComposer.Compose(input);
        var charts = BulletinDocument.Charts(content);
        byte[] file;
        using (var output = new MemoryStream())
        {
            try
            {
                if (pdf)
                    PdfWriter.Write(BulletinDocument.Build(content, header, charts), output);
                else if (template is not null)
                    DocxTemplate.Fill(template, BulletinDocument.Data(content, header, charts), output);
                else
                    DocxWriter.Write(BulletinDocument.Build(content, header, charts), output);
            }
            catch (DocumentException e) when (template is not null)
            {
                throw new UnusableUploadException(e.Message);
            }
            file = output.ToArray();
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        await CampaignContext.RecordAsync(db, scope, campaign, Action, new
        {
            format = pdf ? "pdf" : "docx",
            sha256 = sha,
            publishedVersion = version,
            units = content.Ranking.Count,
            templateSha256 = template is null ? null : Convert.ToHexStringLower(SHA256.HashData(template)),
        }, now.UtcDateTime, ct);
        http.HttpContext.Response.Headers["X-Bulletin-Sha256"] = sha;
        return TypedResults.File(file, pdf ? "application/pdf" : DocxType, $"{campaign.Name}-通报.{(pdf ? "pdf" : "docx")}");
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
