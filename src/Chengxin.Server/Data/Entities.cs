using Microsoft.AspNetCore.Identity;

namespace Chengxin.Server.Data;

/// <summary>A credit office (信用办): one tenant of the platform.</summary>
public sealed class CreditOffice : IAudited
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    // An office opens its own chain: its creation is the chain's first event.
    long IAudited.TenantId => Id;
    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "credit-office";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>Where a unit sits in the tree: regions by level, departments attached to a region.</summary>
public enum UnitLevel
{
    City,
    County,
    Town,
    Village,
    Department,
}

/// <summary>A region or department of the unit tree; evaluated units carry a class.</summary>
public sealed class Unit : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long? ParentId { get; set; }
    public required string Name { get; set; }
    public string? Code { get; set; }
    public UnitLevel Level { get; set; }

    /// <summary>The unit class (县区政府, 乡镇, A类部门 …) that decides which scheme items apply; null for units that are not evaluated.</summary>
    public string? Class { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The ids from the root down to this unit, as in <c>/1/5/23/</c>: a subtree is every unit whose path starts with its
    /// root's, one indexed predicate however large the tree (ADR 0005). Derived from <see cref="ParentId"/> and kept by
    /// <see cref="UnitPaths"/> when units are saved; nothing else writes it.
    /// </summary>
    public string Path { get; set; } = "";

    long? IAudited.AuditUnitId => Id;
    string IAudited.AuditEntityType => "unit";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>Whose units a user sees.</summary>
public enum ScopeKind
{
    /// <summary>Only the user's own unit (a liaison).</summary>
    OwnUnit,

    /// <summary>The scope unit and everything below it (an office admin, a data provider, a leader).</summary>
    Subtree,

    /// <summary>The units of the campaigns the user is assigned to (an external evaluation firm).</summary>
    Campaigns,
}

public sealed class AppUser : IdentityUser<Guid>, IAudited
{
    public long TenantId { get; set; }
    public long UnitId { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public ScopeKind ScopeKind { get; set; }

    /// <summary>The root of a subtree scope when it is not the user's own unit (a court attached to the city sees the whole city).</summary>
    public long? ScopeUnitId { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "user";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A machine client's token; only its SHA-256 is stored.</summary>
public sealed class ApiToken : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so a user can tell tokens apart without the secret.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "api-token";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>
/// A scheme as a campaign froze it: the YAML text and its SHA-256. Campaigns score against this
/// text, never against the file, so editing a built-in scheme later changes no open campaign.
/// One row per office and text: two campaigns on the same unchanged file share it.
/// </summary>
public sealed class SchemeVersion : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string SchemeId { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }

    /// <summary>Hex SHA-256 of the UTF-8 text; the frozen text itself goes to the audit chain with it.</summary>
    public required string Sha256 { get; set; }

    public required string Yaml { get; set; }
    public DateTime CreatedAt { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "scheme-version";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A campaign (评价批次): a frozen scheme version, a period, its units, reviewers, schedule and state.</summary>
public sealed class Campaign : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string Name { get; set; }
    public long SchemeVersionId { get; set; }

    /// <summary>The period key (2023-03, 2022Q1, 2022, 2022-07-01..2023-06-30); Period.ParseKey reads it back.</summary>
    public required string PeriodKey { get; set; }

    public Chengxin.Domain.Campaigns.CampaignState State { get; set; }
    public DateTime? LiaisonDue { get; set; }
    public DateTime EvidenceDue { get; set; }
    public DateTime? SelfAssessmentDue { get; set; }
    public DateTime? ReviewDue { get; set; }

    /// <summary>How long after publication units may appeal, in whole seconds (both databases store it alike).</summary>
    public long AppealWindowSeconds { get; set; }

    /// <summary>The share of units drawn for a spot check, 0–1.</summary>
    public decimal SpotCheckShare { get; set; }

    public bool SelfAssessmentRequired { get; set; }

    /// <summary>The spot check's seed (decimal text of a 64-bit value), so anyone can redo the draw with SpotCheck.Draw.</summary>
    public string? SpotCheckSeed { get; set; }

    /// <summary>The drawn unit ids, comma-separated in the order drawn.</summary>
    public string? SpotCheckUnitIds { get; set; }

    public DateTime? SpotCheckDrawnAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public Guid? PublicationRequestedBy { get; set; }
    public Guid? PublicationApprovedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The earlier campaign whose answers this one started from, if any.</summary>
    public long? BaselineCampaignId { get; set; }

    /// <summary>Counts the office's edits (members, reviewers, schedule): an edit is a conditional update on it, so two racing edits cannot both win.</summary>
    public int Revision { get; set; }

    /// <summary>Why, when and by whom the campaign was voided (作废); set once, with the state Voided.</summary>
    public string? VoidReason { get; set; }
    public DateTime? VoidedAt { get; set; }
    public Guid? VoidedBy { get; set; }

    public List<CampaignUnit> Units { get; set; } = [];
    public List<CampaignReviewer> Reviewers { get; set; } = [];

    // A campaign spans units; its events belong to the office, and the members are recorded separately.
    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "campaign";
    string IAudited.AuditEntityId => Id.ToString();
}

public sealed class CampaignUnit
{
    public long CampaignId { get; set; }
    public long UnitId { get; set; }

    /// <summary>The scheme's class id this unit is evaluated as (the server's class names map to it when the campaign opens).</summary>
    public required string SchemeClass { get; set; }
}

public sealed class CampaignReviewer
{
    public long CampaignId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>One unit's answer to one campaign (the domain's Submission state machine, stored).</summary>
public sealed class Submission : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }
    public Chengxin.Domain.Campaigns.SubmissionState State { get; set; }

    /// <summary>The deadline in force: the campaign's evidence deadline, or an exception the office granted.</summary>
    public DateTime Due { get; set; }

    public string? DueExceptionReason { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public bool IsLate { get; set; }

    /// <summary>How late, in whole seconds rounded up: a submission half a second late reads as one second, never zero.</summary>
    public long LateBySeconds { get; set; }

    public string? ReturnReason { get; set; }
    public DateTime? ReturnDue { get; set; }
    public int Round { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The campaign whose answer this submission was started from (see Features/Submissions/Baseline.cs).</summary>
    public long? BaselineCampaignId { get; set; }

    /// <summary>When the unit confirmed the carried-forward drafts; until then it cannot submit.</summary>
    public DateTime? BaselineConfirmedAt { get; set; }

    public string? BaselineConfirmedBy { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "submission";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One item of a submission: the explanation when the facts cannot be supplied, and the item's facts version.</summary>
public sealed class SubmissionItem : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SubmissionId { get; set; }
    public long UnitId { get; set; }
    public required string ItemId { get; set; }
    public string? Explanation { get; set; }

    /// <summary>Bumped whenever any fact of the item changes; a review that saw an older version is stale.</summary>
    public long FactsVersion { get; set; }

    /// <summary>When the item was last changed after its deadline (accepted, and marked late); null when never.</summary>
    public DateTime? LateEditAt { get; set; }

    /// <summary>A later deadline the office granted for this item only (null when none), with its reason and who granted it when.</summary>
    public DateTime? ExceptionDue { get; set; }
    public string? ExceptionReason { get; set; }
    public Guid? ExceptionGrantedBy { get; set; }
    public string? ExceptionGrantedByName { get; set; }
    public DateTime? ExceptionGrantedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "submission-item";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One fact's value as one party entered it, with its provenance; the value is the facts-file JSON of that fact.</summary>
public sealed class SubmissionFact : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SubmissionId { get; set; }
    public long UnitId { get; set; }
    public required string ItemId { get; set; }
    public required string FactKey { get; set; }

    /// <summary>Who the value comes from: "unit" (the unit's own answer) or "review" (a reviewer's correction).</summary>
    public required string Source { get; set; }

    public required string ValueJson { get; set; }
    public Guid? EnteredBy { get; set; }
    public required string EnteredByName { get; set; }
    public required string EnteredRole { get; set; }
    public DateTime EnteredAt { get; set; }

    /// <summary>The item's facts version this value created.</summary>
    public long ItemVersion { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "submission-fact";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A file of evidence for one item of a submission; the bytes live in the content folder under their SHA-256.</summary>
public sealed class Evidence : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SubmissionId { get; set; }
    public long UnitId { get; set; }
    public required string ItemId { get; set; }
    public required string FileName { get; set; }

    /// <summary>The type read from the file's own bytes, never from its name or the client's header.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public Guid? UploadedBy { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedAt { get; set; }

    /// <summary>file, link, screenshot or ledger (see <see cref="EvidenceKinds"/>).</summary>
    public string Kind { get; set; } = EvidenceKinds.File;

    /// <summary>A link's address (http or https only).</summary>
    public string? Url { get; set; }

    /// <summary>Ledger rows as JSON (an array of objects keyed by the ledger's column keys).</summary>
    public string? LedgerJson { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "evidence";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A reviewer's verdict on one item of one submission (the domain's ItemReview, stored).</summary>
public sealed class ItemReviewRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SubmissionId { get; set; }
    public long UnitId { get; set; }
    public required string ItemId { get; set; }
    public Chengxin.Domain.Campaigns.ItemReviewState State { get; set; }
    public Guid? ReviewerId { get; set; }
    public string? ReviewerName { get; set; }
    public string? Reason { get; set; }

    /// <summary>The item's facts version the reviewer saw; a later version makes the review stale.</summary>
    public long FactsVersionSeen { get; set; }

    /// <summary>Bumped on every verdict; also the row's concurrency token, so two saves racing past the domain check still conflict.</summary>
    public long Version { get; set; }

    /// <summary>When the last verdict was given, and whether after the campaign's review deadline (recorded, not refused).</summary>
    public DateTime? ReviewedAt { get; set; }

    public bool IsLate { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "item-review";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>
/// A published result: the frozen JSON snapshot and its SHA-256. Never changed; a re-publication adds a
/// version. Its hash goes to the audit chain as a campaign event (the snapshot itself names every unit,
/// so it is not copied into events that office-wide audit readers see).
/// </summary>
public sealed class PublishedResult
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    public required string Sha256 { get; set; }
    public Guid RequestedBy { get; set; }
    public Guid ApprovedBy { get; set; }
    public DateTime PublishedAt { get; set; }
}

/// <summary>A unit's appeal against its published result (the domain's Appeal, stored).</summary>
public sealed class AppealRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }

    /// <summary>The item appealed against, or null for the result as a whole.</summary>
    public string? ItemId { get; set; }

    public required string Grounds { get; set; }
    public DateTime FiledAt { get; set; }
    public Guid? FiledBy { get; set; }
    public Chengxin.Domain.Campaigns.AppealState State { get; set; }
    public string? Decision { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "appeal";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One append-only, hash-chained audit event (see docs/adr/0002-audit-chain.md).</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public long TenantId { get; set; }

    /// <summary>Position in the tenant's chain, from 1 without gaps.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>The unit the changed entity belongs to; the unit scope filter reads it.</summary>
    public long? UnitId { get; set; }

    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>An entity whose every change is written to the audit chain.</summary>
public interface IAudited
{
    long TenantId { get; }
    long? AuditUnitId { get; }
    string AuditEntityType { get; }
    string AuditEntityId { get; }
}

/// <summary>One data-protection key, as XML (see <see cref="Infrastructure.DatabaseKeyRepository"/>).</summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
