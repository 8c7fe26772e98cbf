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

/// <summary>The facts of one item, keyed by fact key, in the facts-file JSON form; null clears a fact.</summary>
public sealed record SaveItemRequest(Dictionary<string, JsonElement>? Facts, string? Explanation);

/// <summary>A unit's facts and explanation for one item, saved as a draft; who entered each value travels with it.</summary>
public static class SaveItem
{
    public static async Task<IResult> Handle(long campaignId, long unitId, string itemId, SaveItemRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var item = context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
            return ProblemResponses.NotFound("指标");

        var validation = new Validation()
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。")
            .Optional("explanation", request.Explanation, "情况说明", 2000);
        var facts = request.Facts ?? [];
        // A liaison answers for its unit only: facts the scheme has a provider, a feed, a survey or a reviewer supply are theirs
        // to enter. The office (admins, reviewers correcting) may enter any fact on the unit's behalf.
        if (scope.Role == Roles.Liaison)
        {
            // System facts are nobody's to enter; they get the 400 below, for every role alike.
            var foreign = item.Facts.Where(f => facts.ContainsKey(f.Key) && !Chengxin.Domain.Collection.Suppliers.IsUnit(f.Supplier)
                && !ReportLog.IsSystemFact(item, f.Key)).ToList();
            if (foreign.Count > 0)
                return TypedResults.Problem(title: "无权填写该事实", statusCode: StatusCodes.Status403Forbidden,
                    detail: string.Join("；", foreign.Select(f =>
                        $"「{f.Label}」由{Chengxin.Domain.Collection.Suppliers.Describe(f.Supplier)}提供，联络员不能填写")) + "。");
        }
        SubmissionContext.CheckFacts(validation, context, item, facts, "不能填写");
        if (!validation.IsValid)
            return validation.Problem();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await SubmissionContext.EnsureSubmissionAsync(db, context, scope, now, ct);
        await SubmissionContext.EnsureEditableNowAsync(db, context.Campaign, submission, ct);

        // The item's row with the unit's entered facts, in one statement: every save after an item's first finds its row.
        var unitSource = FactSource.Unit.Name;
        var found = await db.SubmissionItems.Where(i => i.SubmissionId == submission.Id && i.ItemId == itemId)
            .Select(i => new
            {
                Row = i,
                Facts = db.SubmissionFacts.Where(f => f.SubmissionId == i.SubmissionId && f.ItemId == i.ItemId && f.Source == unitSource).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        var row = found?.Row;
        List<SubmissionFact> stored;
        if (row is null)
        {
            row = new SubmissionItem { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
            db.SubmissionItems.Add(row);
            // No row yet says nothing of the facts: read them on their own, as a fact entered without its item's row must still be found.
            stored = await db.SubmissionFacts
                .Where(f => f.SubmissionId == submission.Id && f.ItemId == itemId && f.Source == unitSource).ToListAsync(ct);
        }
        else
            stored = found!.Facts;
        var changes = new List<(string Key, string? Json)>();
        foreach (var (key, value) in facts)
        {
            var json = value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
            var current = stored.FirstOrDefault(f => f.FactKey == key);
            if (current?.ValueJson != json)
                changes.Add((key, json));
        }
        if (changes.Count > 0)
            row.FactsVersion++;
        foreach (var (key, json) in changes)
        {
            var current = stored.FirstOrDefault(f => f.FactKey == key);
            if (json is null)
            {
                db.SubmissionFacts.Remove(current!);
                continue;
            }
            if (current is null)
            {
                current = new SubmissionFact
                {
                    TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId, FactKey = key,
                    Source = FactSource.Unit.Name, ValueJson = json, EnteredByName = scope.ActorName, EnteredRole = scope.Role ?? "",
                };
                db.SubmissionFacts.Add(current);
            }
            // Provenance travels with the value: who entered it, in which role, when, and which item version it made.
            current.ValueJson = json;
            current.EnteredBy = scope.UserId;
            current.EnteredByName = scope.ActorName;
            current.EnteredRole = scope.Role ?? "";
            current.EnteredAt = now;
            current.ItemVersion = row.FactsVersion;
        }
        row.Explanation = string.IsNullOrWhiteSpace(request.Explanation) ? null : request.Explanation.Trim();
        // An edit after the self-assessment deadline (or the supplement deadline of a return, or the item's own exception) is taken and marked late.
        if (Chengxin.Domain.Campaigns.Deadline.IsLate(ManageItemDeadlines.EditDeadline(context.Campaign, submission, row), clock.GetUtcNow()))
            row.LateEditAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await SubmissionView.MapAsync(db, context with { Submission = submission }, ct));
    }
}
