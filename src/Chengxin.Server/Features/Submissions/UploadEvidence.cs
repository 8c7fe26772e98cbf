using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;
using Submission = Chengxin.Server.Data.Submission;

using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Submissions;

public static class UploadEvidence
{
    public static async Task<IResult> Handle(long campaignId, long unitId, string itemId, string? fileName, HttpRequest http,
        ChengxinDbContext db, SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");
        var validation = new Validation()
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。");
        var name = Uploads.FileName(fileName, validation);
        if (!validation.IsValid)
            return validation.Problem();

        var bytes = await store.ReadAsync(http, ct);
        var (type, reason) = EvidenceStore.Detect(bytes, name!);
        if (type is null)
        {
            validation.Add("file", reason!);
            return validation.Problem();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await SubmissionContext.EnsureSubmissionAsync(db, context, scope, now, ct);
        SubmissionContext.EnsureEditable(context.Campaign, submission);
        var sha = await store.SaveAsync(bytes, ct);
        await ManageItemDeadlines.MarkLateEvidenceAsync(db, context.Campaign, submission, itemId, now, ct);
        var evidence = new Evidence
        {
            TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId, FileName = name!,
            ContentType = type.ContentType, Size = bytes.LongLength, Sha256 = sha, UploadedBy = scope.UserId, UploadedByName = scope.ActorName, UploadedAt = now,
        };
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaignId}/units/{unitId}/submission/evidence/{evidence.Id}", SubmissionView.Receipt(evidence));
    }
}
