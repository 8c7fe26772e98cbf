using System.Text;
using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Submissions;

/// <summary>A link as evidence: an http or https address and what it shows.</summary>
public sealed record EvidenceLinkRequest(string? Url, string? Title);

/// <summary>Ledger rows (台账) as evidence: each row an object keyed by the ledger's column keys; factKey names the ledger fact when the item has several.</summary>
public sealed record EvidenceLedgerRequest(string? FactKey, List<Dictionary<string, JsonElement>>? Rows);

/// <summary>
/// Evidence that is not an uploaded document: links, screenshots and ledger rows (the scheme's evidence forms).
/// Each is kept like a file, under the SHA-256 of its content (the URL's or the rows' UTF-8 text for links and
/// ledgers), so every kind has the same receipt and the same download.
/// </summary>
public static class ManageEvidenceKinds
{
    public const int MaxLedgerRows = 2000;

    public static async Task<IResult> AddLink(long campaignId, long unitId, string itemId, EvidenceLinkRequest request, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var (context, item, missing) = await LoadItemAsync(db, versions, campaignId, unitId, itemId, ct);
        if (missing is not null)
            return missing;
        var validation = Applicable(item, context)
            .Required("url", request.Url, "链接地址", 2000)
            .Optional("title", request.Title, "链接说明", 255);
        var url = request.Url?.Trim();
        // Only web addresses: javascript:, data: or file: links would run or reveal something in the reviewer's browser.
        if (!string.IsNullOrEmpty(url) && url.Length <= 2000)
            Uploads.IsSafeLink(url, validation);
        if (!validation.IsValid)
            return validation.Problem();
        var title = string.IsNullOrWhiteSpace(request.Title) ? url! : request.Title.Trim();
        return await SaveAsync(db, context, itemId, store, scope, clock, EvidenceKinds.Link, Truncate(title), "text/uri-list; charset=utf-8",
            Encoding.UTF8.GetBytes(url!), url, null, ct);
    }

    public static async Task<IResult> AddScreenshot(long campaignId, long unitId, string itemId, string? fileName, HttpRequest http, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var (context, item, missing) = await LoadItemAsync(db, versions, campaignId, unitId, itemId, ct);
        if (missing is not null)
            return missing;
        var validation = Applicable(item, context);
        var name = Uploads.FileName(fileName, validation);
        if (!validation.IsValid)
            return validation.Problem();
        var bytes = await store.ReadAsync(http, ct);
        var type = EvidenceStore.DetectOneOf(bytes, name!, validation, "截图应为图片（PNG 或 JPEG）", EvidenceStore.Png, EvidenceStore.Jpeg);
        if (!validation.IsValid)
            return validation.Problem();
        return await SaveAsync(db, context, itemId, store, scope, clock, EvidenceKinds.Screenshot, name!, type!.ContentType, bytes, null, null, ct);
    }

    public static async Task<IResult> AddLedgerRows(long campaignId, long unitId, string itemId, EvidenceLedgerRequest request, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var (context, item, missing) = await LoadItemAsync(db, versions, campaignId, unitId, itemId, ct);
        if (missing is not null)
            return missing;
        var validation = Applicable(item, context);
        var ledgers = item.Facts.Where(f => f.Type == FactType.Ledger).ToList();
        var takesLedger = ledgers.Count > 0 || item.Evidence.Any(e => e.Form == EvidenceForm.Ledger);
        validation.Check(takesLedger, "itemId", $"指标「{item.Title}」不要求台账，请上传文件、截图或链接。");
        FactDefinition? ledger = null;
        if (request.FactKey is { Length: > 0 } key)
        {
            ledger = ledgers.FirstOrDefault(f => f.Key == key);
            if (ledger is null)
                validation.Add("factKey", $"指标「{item.Title}」没有所选的台账（可选：{string.Join("、", ledgers.Select(f => $"「{f.Label}」"))}）。");
        }
        else if (ledgers.Count == 1)
            ledger = ledgers[0];
        else if (ledgers.Count > 1)
            validation.Add("factKey", $"指标「{item.Title}」有多个台账，请用 factKey 指明（{string.Join("、", ledgers.Select(f => $"{f.Key} {f.Label}"))}）。");

        var rows = request.Rows ?? [];
        validation.Check(rows.Count is > 0 and <= MaxLedgerRows, "rows", $"台账须有 1 至 {MaxLedgerRows} 行。");
        var columns = ledger?.Columns.Select(c => c.Key).ToHashSet();
        for (var i = 0; i < rows.Count && validation.IsValid; i++)
        {
            foreach (var (column, value) in rows[i])
            {
                if (columns is { Count: > 0 } && !columns.Contains(column))
                    validation.Add($"rows[{i}].{column}", $"第 {i + 1} 行：台账「{ledger!.Label}」没有列「{column}」（可填：{string.Join("、", ledger.Columns.Select(c => $"{c.Key} {c.Label}"))}）。");
                else if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    validation.Add($"rows[{i}].{column}", $"第 {i + 1} 行「{column}」应为文字、数值或是否，不能嵌套。");
            }
        }
        if (!validation.IsValid)
            return validation.Problem();
        var json = JsonSerializer.Serialize(rows);
        var title = ledger is null ? $"台账（{rows.Count} 行）" : $"{ledger.Label}（{rows.Count} 行）";
        return await SaveAsync(db, context, itemId, store, scope, clock, EvidenceKinds.Ledger, Truncate(title), "application/json; charset=utf-8",
            Encoding.UTF8.GetBytes(json), null, json, ct);
    }

    /// <summary>The unit's submission context and the item the evidence is for, or the 404 naming which is missing.</summary>
    private static async Task<(SubmissionContext Context, Item Item, IResult? Missing)> LoadItemAsync(ChengxinDbContext db,
        SchemeVersions versions, long campaignId, long unitId, string itemId, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return (null!, null!, ProblemResponses.NotFound("报送"));
        return context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is { } item
            ? (context, item, null)
            : (context, null!, ProblemResponses.NotFound("指标"));
    }

    private static Validation Applicable(Item item, SubmissionContext context) =>
        new Validation().Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。");

    private static string Truncate(string text) => text.Length <= 255 ? text : text[..255];

    private static async Task<IResult> SaveAsync(ChengxinDbContext db, SubmissionContext context, string itemId, EvidenceStore store, AccessScope scope,
        TimeProvider clock, string kind, string name, string contentType, byte[] bytes, string? url, string? ledgerJson, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await SubmissionContext.EnsureSubmissionAsync(db, context, scope, now, ct);
        SubmissionContext.EnsureEditable(context.Campaign, submission);
        var sha = await store.SaveAsync(bytes, ct);
        await ManageItemDeadlines.MarkLateEvidenceAsync(db, context.Campaign, submission, itemId, now, ct);
        var evidence = new Evidence
        {
            TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId, FileName = name,
            ContentType = contentType, Size = bytes.LongLength, Sha256 = sha, UploadedBy = scope.UserId, UploadedByName = scope.ActorName, UploadedAt = now,
            Kind = kind, Url = url, LedgerJson = ledgerJson,
        };
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/campaigns/{context.Campaign.Id}/units/{context.Unit.Id}/submission/evidence/{evidence.Id}",
            SubmissionView.Receipt(evidence));
    }
}
