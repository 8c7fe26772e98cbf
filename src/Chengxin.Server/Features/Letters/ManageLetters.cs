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
/// </summary>
public static class ManageLetters
{
    public static readonly IReadOnlyList<string> ExportHeader = ["单位", "姓名", "职务", "座机", "手机", "邮箱", "报送时间", "是否逾期", LatenessHours.Header];

    public static async Task<IResult> GetLiaisonTable(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("联络员联系表");
        var row = await db.LiaisonContacts.AsNoTracking().FirstOrDefaultAsync(c => c.CampaignId == campaignId && c.UnitId == unitId, ct);
        return TypedResults.Ok(Map(signer.Campaign, signer.Unit, signer.SignerKind, TableTitle(signer), row));
    }

    public static async Task<IResult> SaveLiaisonTable(long campaignId, long unitId, LiaisonTableRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("联络员联系表");
        var validation = new Validation()
            .Required("name", request.Name, "姓名", 50)
            .Required("title", request.Title, "职务", 50)
            .Optional("landline", request.Landline, "座机", 30)
            .Optional("mobile", request.Mobile, "手机", 30)
            .Optional("email", request.Email, "邮箱", 100);
        if (ContactChecks.Mobile(request.Mobile) is { } mobile)
            validation.Add("mobile", mobile);
        if (ContactChecks.Landline(request.Landline) is { } landline)
            validation.Add("landline", landline);
        if (ContactChecks.Email(request.Email) is { } email)
            validation.Add("email", email);
        if (!validation.IsValid)
            return validation.Problem();
        EnsureStarted(signer.Campaign);

        var now = clock.GetUtcNow();
        // The server's clock decides lateness; after the deadline the table is taken and recorded as late.
        var lateness = Deadline.Of(BeijingTime.Utc(signer.Campaign.LiaisonDue), now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.LiaisonContacts.FirstOrDefaultAsync(c => c.CampaignId == campaignId && c.UnitId == unitId, ct);
        if (row is null)
        {
            row = new LiaisonContact
            {
                TenantId = signer.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId,
                ContactName = "", Title = "", Mobile = "", Email = "", EnteredByName = "",
            };
            db.LiaisonContacts.Add(row);
        }
        row.ContactName = request.Name!.Trim();
        row.Title = request.Title!.Trim();
        row.Landline = string.IsNullOrWhiteSpace(request.Landline) ? null : request.Landline.Trim();
        row.Mobile = request.Mobile!.Trim();
        row.Email = request.Email!.Trim();
        row.SubmittedAt = now.UtcDateTime;
        row.IsLate = lateness.IsLate;
        row.LateBySeconds = lateness.LateBySeconds;
        row.EnteredBy = scope.UserId;
        row.EnteredByName = scope.ActorName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(Map(signer.Campaign, signer.Unit, signer.SignerKind, TableTitle(signer), row));
    }

    /// <summary>The office's list: every unit of the campaign in the caller's scope (filled or not), then any provider department that filled one.</summary>
    public static async Task<IResult> ListLiaisonTables(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var rows = await LiaisonRowsAsync(db, versions, id, ct);
        return rows is null ? ProblemResponses.NotFound("评价批次") : TypedResults.Ok(rows);
    }

    public static async Task<IResult> ExportLiaisonTables(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var rows = await LiaisonRowsAsync(db, versions, id, ct);
        if (rows is null)
            return ProblemResponses.NotFound("评价批次");
        var bytes = Xlsx.Write("联络员联系表", ExportHeader, rows.Select(r => (IReadOnlyList<object?>)
            [r.UnitName, r.Name, r.Title, r.Landline, r.Mobile, r.Email, r.SubmittedAt?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
             r.SubmittedAt is null ? "未报送" : r.IsLate ? "逾期" : "按时", r.IsLate ? LatenessHours.Of(r.LateBySeconds) : null]));
        var campaign = await db.Campaigns.Where(c => c.Id == id).Select(c => c.Name).FirstAsync(ct);
        return TypedResults.File(bytes, Xlsx.ContentType, Xlsx.FileName(campaign, "联络员联系表"));
    }

    private static async Task<List<LiaisonTableView>?> LiaisonRowsAsync(ChengxinDbContext db, SchemeVersions versions, long id, CancellationToken ct)
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

    public static async Task<IResult> GetLetter(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("信用承诺书");
        var row = await db.CommitmentLetters.AsNoTracking().FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        return TypedResults.Ok(MapLetter(signer.Campaign, signer.Unit, signer.SignerKind, Render(signer), row));
    }

    /// <summary>The liaison accepts the rendered text: who and when are recorded, and the text as accepted is kept.</summary>
    public static async Task<IResult> AcceptLetter(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("信用承诺书");
        EnsureStarted(signer.Campaign);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.CommitmentLetters.FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        CommitmentLetter.EnsureAcceptable(acceptedBefore: row?.AcceptedAt is not null);
        var (title, text) = Render(signer);
        if (row is null)
        {
            row = new CommitmentLetterRecord
            {
                TenantId = signer.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId, SignerKind = signer.SignerKind, Title = title, Text = text,
            };
            db.CommitmentLetters.Add(row);
        }
        row.Title = title;
        row.Text = text;
        row.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        row.AcceptedBy = scope.UserId;
        row.AcceptedByName = scope.ActorName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(MapLetter(signer.Campaign, signer.Unit, signer.SignerKind, (title, text), row));
    }

    /// <summary>The signed and stamped scan: PDF, PNG or JPEG by its bytes, kept in the evidence store under its SHA-256.</summary>
    public static async Task<IResult> UploadLetterScan(long campaignId, long unitId, string? fileName, HttpRequest http, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("信用承诺书");
        var validation = new Validation();
        var name = Uploads.FileName(fileName, validation);
        if (!validation.IsValid)
            return validation.Problem();
        var bytes = await store.ReadAsync(http, ct);
        var type = EvidenceStore.DetectOneOf(bytes, name!, validation, "盖章承诺书应为扫描件（PDF、PNG 或 JPEG）",
            EvidenceStore.Pdf, EvidenceStore.Png, EvidenceStore.Jpeg);
        if (!validation.IsValid)
            return validation.Problem();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.CommitmentLetters.FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        CommitmentLetter.EnsureScanAllowed(accepted: row?.AcceptedAt is not null);
        var sha = await store.SaveAsync(bytes, ct);
        row.ScanFileName = name;
        row.ScanContentType = type!.ContentType;
        row.ScanSize = bytes.LongLength;
        row.ScanSha256 = sha;
        row.ScanUploadedAt = clock.GetUtcNow().UtcDateTime;
        row.ScanUploadedByName = scope.ActorName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(MapLetter(signer.Campaign, signer.Unit, signer.SignerKind, (row.Title, row.Text), row));
    }

    /// <summary>
    /// The stored scan, always as a download. Readers of the campaign reach it within their unit scope; the campaign
    /// itself must be visible to them too, so an external firm reaches only the campaigns it is assigned to.
    /// </summary>
    public static async Task<IResult> DownloadLetterScan(long campaignId, long unitId, HttpResponse response, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null || !await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct))
            return ProblemResponses.NotFound("盖章承诺书");
        var row = await db.CommitmentLetters.AsNoTracking().FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        if (row?.ScanSha256 is null || !File.Exists(store.PathOf(row.ScanSha256)))
            return ProblemResponses.NotFound("盖章承诺书");
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(await File.ReadAllBytesAsync(store.PathOf(row.ScanSha256), ct), row.ScanContentType, row.ScanFileName);
    }

    /// <summary>The office's list of letter status: every unit of the campaign in scope, then provider departments that started one.</summary>
    public static async Task<IResult> ListLetters(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var letters = await db.CommitmentLetters.AsNoTracking().Where(l => l.CampaignId == id).ToListAsync(ct);
        var memberIds = campaign.Units.Select(u => u.UnitId).ToList();
        var unitIds = memberIds.Concat(letters.Select(l => l.UnitId)).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
        return TypedResults.Ok(units.Select(u =>
        {
            var kind = memberIds.Contains(u.Id) ? SignerAccess.UnitSigner : SignerAccess.ProviderSigner;
            return MapLetter(campaign, u, kind, Render(new SignerAccess.Signer(campaign, u, kind, scheme)), letters.FirstOrDefault(l => l.UnitId == u.Id));
        }).OrderBy(v => v.SignerKind == SignerAccess.UnitSigner ? 0 : 1).ToList());
    }

    private const string DefaultTableTitle = "政务诚信评价工作联络员联系表";

    private static string TableTitle(SignerAccess.Signer signer) => signer.Scheme.Scheme.Campaign.LiaisonTable?.Title ?? DefaultTableTitle;

    private static (string Title, string Text) Render(SignerAccess.Signer signer)
    {
        var template = signer.Scheme.Scheme.Campaign.CommitmentLetter;
        var period = Period.ParseKey(signer.Campaign.PeriodKey);
        return (template?.Title ?? LetterText.StandardTitle, LetterText.Render(template?.Text ?? LetterText.StandardText, signer.Unit.Name, period));
    }

    private static void EnsureStarted(Data.Campaign campaign) => Chengxin.Domain.Campaigns.Campaign.EnsureStarted(campaign.State);


    private static LiaisonTableView Map(Data.Campaign campaign, Unit unit, string kind, string title, LiaisonContact? row) =>
        new(campaign.Id, unit.Id, unit.Name, kind, title, row?.ContactName, row?.Title, row?.Landline, row?.Mobile, row?.Email,
            campaign.LiaisonDue is { } due ? BeijingTime.Local(due) : null, row is null ? null : BeijingTime.Local(row.SubmittedAt),
            row?.IsLate ?? false, row?.LateBySeconds ?? 0, row?.EnteredByName);

    private static CommitmentLetterView MapLetter(Data.Campaign campaign, Unit unit, string kind, (string Title, string Text) rendered, CommitmentLetterRecord? row)
    {
        var accepted = row?.AcceptedAt is not null;
        var scan = row?.ScanSha256 is null ? null
            : new LetterScanReceipt(row.ScanFileName!, row.ScanContentType!, row.ScanSize ?? 0, row.ScanSha256, row.ScanUploadedByName!, BeijingTime.Local(row.ScanUploadedAt!.Value));
        var status = scan is not null ? "已上传盖章件" : accepted ? "已确认（待上传盖章件）" : "待确认";
        return new CommitmentLetterView(campaign.Id, unit.Id, unit.Name, kind, accepted ? row!.Title : rendered.Title, accepted ? row!.Text : rendered.Text,
            Period.ParseKey(campaign.PeriodKey).Label, row?.AcceptedAt is { } at ? BeijingTime.Local(at) : null, row?.AcceptedByName, scan, status);
    }
}
