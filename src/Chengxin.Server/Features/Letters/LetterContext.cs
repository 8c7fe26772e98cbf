using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

/// <summary>The liaison table row as the unit fills it (附件3: 单位 is the unit itself).</summary>
public sealed record LiaisonTableRequest(string? Name, string? Title, string? Landline, string? Mobile, string? Email);

/// <summary>One unit's liaison table; the contact fields are null until it is first saved.</summary>
public sealed record LiaisonTableView(long CampaignId, long UnitId, string UnitName, string SignerKind, string TableTitle,
    string? Name, string? Title, string? Landline, string? Mobile, string? Email,
    DateTimeOffset? Due, DateTimeOffset? SubmittedAt, bool IsLate, long LateBySeconds, string? EnteredBy);

/// <summary>The signed and stamped scan of a letter: its receipt shows the SHA-256 under which it is kept.</summary>
public sealed record LetterScanReceipt(string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// One signer's commitment letter. Until accepted, text is rendered afresh from the scheme's template (or the standard text);
/// once accepted, it is the text that was accepted. Status: 待确认 → 已确认（待上传盖章件） → 已上传盖章件.
/// </summary>
public sealed record CommitmentLetterView(long CampaignId, long UnitId, string UnitName, string SignerKind, string Title, string Text,
    string PeriodLabel, DateTimeOffset? AcceptedAt, string? AcceptedBy, LetterScanReceipt? Scan, string Status);

/// <summary>
/// The liaison table (联络员联系表) and the commitment letter (信用承诺书) of seed 001: each signer fills its own
/// through <see cref="SignerAccess"/>; the office lists and exports them across a campaign.
/// What its use cases share: the rendered title and text, the start check, the rows as answered.
/// </summary>
internal static class LetterContext
{
    internal static async Task<List<LiaisonTableView>?> LiaisonRowsAsync(ChengxinDbContext db, SchemeVersions versions, long id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return null;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var title = versions.Compile(version).Scheme.Campaign.LiaisonTable?.Title ?? DefaultTableTitle;
        var contacts = await db.LiaisonContacts.AsNoTracking().Where(c => c.CampaignId == id).ToListAsync(ct);
        var memberIds = campaign.Units.Select(u => u.UnitId).ToList();
        var unitIds = memberIds.Concat(contacts.Select(c => c.UnitId)).Distinct().ToList();
        // The unit filter keeps only the units in the caller's scope.
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
        return units.Select(u => Map(campaign, u, memberIds.Contains(u.Id) ? SignerAccess.UnitSigner : SignerAccess.ProviderSigner, title,
            contacts.FirstOrDefault(c => c.UnitId == u.Id))).OrderBy(v => v.SignerKind == SignerAccess.UnitSigner ? 0 : 1).ToList();
    }

    internal const string DefaultTableTitle = "政务诚信评价工作联络员联系表";

    internal static string TableTitle(SignerAccess.Signer signer) => signer.Scheme.Scheme.Campaign.LiaisonTable?.Title ?? DefaultTableTitle;

    internal static (string Title, string Text) Render(SignerAccess.Signer signer)
    {
        var template = signer.Scheme.Scheme.Campaign.CommitmentLetter;
        var period = Period.ParseKey(signer.Campaign.PeriodKey);
        return (template?.Title ?? LetterText.StandardTitle, LetterText.Render(template?.Text ?? LetterText.StandardText, signer.Unit.Name, period));
    }

    internal static void EnsureStarted(Data.Campaign campaign) => Chengxin.Domain.Campaigns.Campaign.EnsureStarted(campaign.State);

    internal static LiaisonTableView Map(Data.Campaign campaign, Unit unit, string kind, string title, LiaisonContact? row) =>
        new(campaign.Id, unit.Id, unit.Name, kind, title, row?.ContactName, row?.Title, row?.Landline, row?.Mobile, row?.Email,
            campaign.LiaisonDue is { } due ? BeijingTime.Local(due) : null, row is null ? null : BeijingTime.Local(row.SubmittedAt),
            row?.IsLate ?? false, row?.LateBySeconds ?? 0, row?.EnteredByName);

    internal static CommitmentLetterView MapLetter(Data.Campaign campaign, Unit unit, string kind, (string Title, string Text) rendered, CommitmentLetterRecord? row)
    {
        var accepted = row?.AcceptedAt is not null;
        var scan = row?.ScanSha256 is null ? null
            : new LetterScanReceipt(row.ScanFileName!, row.ScanContentType!, row.ScanSize ?? 0, row.ScanSha256, row.ScanUploadedByName!, BeijingTime.Local(row.ScanUploadedAt!.Value));
        var status = scan is not null ? "已上传盖章件" : accepted ? "已确认（待上传盖章件）" : "待确认";
        return new CommitmentLetterView(campaign.Id, unit.Id, unit.Name, kind, accepted ? row!.Title : rendered.Title, accepted ? row!.Text : rendered.Text,
            Period.ParseKey(campaign.PeriodKey).Label, row?.AcceptedAt is { } at ? BeijingTime.Local(at) : null, row?.AcceptedByName, scan, status);
    }
}
