using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Bulletins;

/// <summary>
/// The published bulletin as the public page offers it: a PDF of the latest published version, with only what the public
/// results show (totals, grades, ranks and the grade lists; never reporting or per-category points). Dated the day of that
/// publication, so the same version gives the same words whoever downloads it.
/// </summary>
public static class PublicBulletin
{
    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        // Anonymous callers have no office: the filters are set aside deliberately, and only a published snapshot can be reached.
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || await BulletinSource.ReadAsync(db, versions, campaign, forPublic: true, ct) is not var (input, version))
            return ProblemResponses.NotFound("已发布的通报");
        var published = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CampaignId == id && p.Version == version).Select(p => p.PublishedAt).FirstAsync(ct);
        var office = await db.CreditOffices.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == campaign.TenantId).Select(o => o.Name).FirstAsync(ct);
        var content = BulletinComposer.Compose(input);
        var header = new BulletinHeader(office, null, DateOnly.FromDateTime(BeijingTime.Local(published).DateTime));
        using var output = new MemoryStream();
        PdfWriter.Write(BulletinDocument.Build(content, header, BulletinDocument.Charts(content)), output);
        return TypedResults.File(output.ToArray(), "application/pdf", $"{campaign.Name}-通报-第{version}版.pdf");
    }
}
