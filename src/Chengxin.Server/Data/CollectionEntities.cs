namespace Chengxin.Server.Data;

/// <summary>
/// One row of the liaison table (联络员联系表, seed 001 附件3) for one unit (or provider department) and campaign.
/// The server stamps when it was last saved and whether that was after the campaign's liaison-table deadline.
/// </summary>
public sealed class LiaisonContact : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }
    public required string ContactName { get; set; }
    public required string Title { get; set; }
    public string? Landline { get; set; }
    public required string Mobile { get; set; }
    public required string Email { get; set; }
    public DateTime SubmittedAt { get; set; }
    public bool IsLate { get; set; }
    public long LateBySeconds { get; set; }
    public Guid? EnteredBy { get; set; }
    public required string EnteredByName { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "liaison-contact";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>
/// A commitment letter (信用承诺书, seed 001 附件2): the text as rendered for the signer and period, who accepted
/// it and when, and the signed and stamped scan (kept in the evidence store under its SHA-256).
/// </summary>
public sealed class CommitmentLetterRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }

    /// <summary>"unit" for an evaluated unit, "provider" for a data-provider department signing its own letter.</summary>
    public required string SignerKind { get; set; }

    public required string Title { get; set; }
    public required string Text { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
    public string? AcceptedByName { get; set; }
    public string? ScanFileName { get; set; }
    public string? ScanContentType { get; set; }
    public long? ScanSize { get; set; }
    public string? ScanSha256 { get; set; }
    public DateTime? ScanUploadedAt { get; set; }
    public string? ScanUploadedByName { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "commitment-letter";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A data provider's submission of its grid for one campaign: stamped by the server, late recorded, never refused.</summary>
public sealed class ProviderSubmission : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long ProviderUnitId { get; set; }

    /// <summary>The department name as the scheme's supplier declaration reads it (provider:&lt;name&gt;).</summary>
    public required string ProviderName { get; set; }

    public DateTime SubmittedAt { get; set; }
    public Guid? SubmittedBy { get; set; }
    public required string SubmittedByName { get; set; }
    public bool IsLate { get; set; }
    public long LateBySeconds { get; set; }
    public int Round { get; set; }

    long? IAudited.AuditUnitId => ProviderUnitId;
    string IAudited.AuditEntityType => "provider-submission";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>The forms evidence takes besides uploaded documents (the scheme's evidence forms: link, screenshot, ledger).</summary>
public static class EvidenceKinds
{
    public const string File = "file";
    public const string Link = "link";
    public const string Screenshot = "screenshot";
    public const string Ledger = "ledger";
}
