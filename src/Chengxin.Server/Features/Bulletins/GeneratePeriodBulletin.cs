using System.Security.Cryptography;
using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Bulletins;

/// <summary>
/// What a period bulletin is made of: the published campaigns of one scheme family (a quarter's months, a year's quarters),
/// the span's name as the office writes it (「2025年第四季度」; empty: the span's own name), the format (docx|pdf) and the header.
/// </summary>
public sealed record PeriodBulletinRequest(IReadOnlyList<long>? CampaignIds, string? Title, string? Format, string? Number = null, string? Addressee = null,
    string? CopyTo = null);

/// <summary>
/// Seed 003's 「每季度通报各县（市、区）专班阶段性工作成绩」: one bulletin over several published campaigns of a scheme family,
/// each unit ranked by its average over the periods (PeriodBulletinComposer says how and why). Every campaign must be one the
/// caller manages and published; the file is audited with its SHA-256 and the published versions it was made from, on the
/// span's latest campaign, like a campaign's own bulletin.
/// </summary>
public static class GeneratePeriodBulletin
{
    /// <summary>A year of months, with room for an office that also picks the year before's December.</summary>
    public const int MaxCampaigns = 13;

    public static async Task<IResult> Handle(PeriodBulletinRequest request, HttpContext http, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var ids = request.CampaignIds ?? [];
        var validation = new Validation()
            .Check(ids.Count > 0, "campaignIds", "请选择要汇总通报的已发布批次。")
            .Check(ids.Count <= MaxCampaigns, "campaignIds", $"一次最多汇总 {MaxCampaigns} 期。")
            .Check(ids.Distinct().Count() == ids.Count, "campaignIds", "同一批次选择了两次，请去掉重复的批次。")
            .Check(request.Format is null or "docx" or "pdf", "format", "格式只能是 DOCX 或 PDF。")
            .Optional("title", request.Title, "阶段名称", 50)
            .Optional("number", request.Number, "文号", 50)
            .Optional("addressee", request.Addressee, "主送", 200)
            .Optional("copyTo", request.CopyTo, "抄送", 200);
        if (!validation.IsValid)
            return validation.Problem();
        var pdf = request.Format == "pdf";

        // Each campaign speaks for all its units: the caller must manage every one, as for the campaign's own bulletin.
        var campaigns = new List<Data.Campaign>();
        foreach (var id in ids)
        {
            if (await CampaignContext.FindManagedAsync(db, scope, id, ct) is not { } campaign)
                return ProblemResponses.NotFound("评价批次");
            campaigns.Add(campaign);
        }

        var versionIds = campaigns.Select(c => c.SchemeVersionId).Distinct().ToList();
        var schemeVersions = await db.SchemeVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var families = campaigns.GroupBy(c => SchemeFamily.Of(schemeVersions[c.SchemeVersionId].SchemeId)).ToList();
        if (families.Count > 1)
            return new Validation().Check(false, "campaignIds", "所选批次不属于同一套指标体系，不能汇总在一份通报中："
                + string.Join("；", families.Select(f => $"{string.Join("、", f.Select(c => $"「{c.Name}」"))}用的是《{schemeVersions[f.First().SchemeVersionId].Title}》"))
                + "。").Problem();
        var periods = campaigns.Select(c => (Campaign: c, Period: Period.ParseKey(c.PeriodKey))).OrderBy(c => c.Period.From).ToList();
        if (periods.Select(p => p.Period.Kind).Distinct().Count() > 1)
            return new Validation().Check(false, "campaignIds",
                $"所选批次的评价周期长短不一（{string.Join("、", periods.Select(p => p.Period.Label))}），阶段通报只汇总同一周期的批次。").Problem();
        if (periods.GroupBy(p => p.Period.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return new Validation().Check(false, "campaignIds",
                $"{string.Join("与", twice.Select(p => $"「{p.Campaign.Name}」"))}是同一期（{twice.First().Period.Label}），请只选其中一个。").Problem();

        var parts = new List<PeriodBulletinPart>();
        var published = new List<object>();
        foreach (var (campaign, _) in periods)
        {
            if (await BulletinSource.ReadPartAsync(db, campaign, ct) is not var (part, version))
                return ProblemResponses.Conflict($"「{campaign.Name}」的评价结果尚未发布，通报只能依据已发布的结果生成。请先完成发布或不选该批次。");
            parts.Add(part);
            published.Add(new { campaignId = campaign.Id, publishedVersion = version });
        }

        var latest = periods[^1].Campaign;
        var scheme = versions.Compile(schemeVersions[latest.SchemeVersionId]).Scheme;
        var content = PeriodBulletinComposer.Compose(new PeriodBulletinInput(request.Title, scheme.Grades.Select(g => g.Name).ToList(), parts));
        var office = await db.CreditOffices.AsNoTracking().Where(o => o.Id == latest.TenantId).Select(o => o.Name).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var header = new BulletinHeader(office, Trimmed(request.Number), DateOnly.FromDateTime(BeijingTime.Local(now).DateTime))
        {
            Addressee = Trimmed(request.Addressee),
            CopyTo = Trimmed(request.CopyTo),
        };
        byte[] file;
        using (var output = new MemoryStream())
        {
            var document = PeriodBulletinLayout.Build(content, header);
            if (pdf)
                PdfWriter.Write(document, output);
            else
                DocxWriter.Write(document, output);
            file = output.ToArray();
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        await CampaignContext.RecordAsync(db, scope, latest, GenerateBulletin.Action, new
        {
            format = pdf ? "pdf" : "docx",
            sha256 = sha,
            period = content.Title,
            campaigns = published,
            units = content.Ranking.Count,
        }, now.UtcDateTime, ct);
        http.Response.Headers["X-Bulletin-Sha256"] = sha;
        return TypedResults.File(file, pdf ? "application/pdf" : GenerateBulletin.DocxType, $"{content.Title}{content.Name}-阶段通报.{(pdf ? "pdf" : "docx")}");
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
