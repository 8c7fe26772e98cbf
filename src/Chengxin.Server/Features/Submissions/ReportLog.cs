using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Submissions;

public sealed record ReportView(long Id, long UnitId, string Kind, DateTimeOffset Due, DateTimeOffset? MadeAt, ReportStatus Status, string StatusName,
    long LateBySeconds);

/// <summary>
/// The campaign's report record (on time, late, missing, on the server's clock) and the system facts counted from it.
/// System facts are never entered: whatever a form sends for them is refused, and scoring lays the counted value over.
/// </summary>
public static class ReportLog
{
    public const string Submission = ReportKinds.Submission;
    public const string Supplement = ReportKinds.Supplement;
    public static readonly string SystemSource = FactSource.System.Name;

    public static async Task<IResult> List(long id, ChengxinDbContext db, CancellationToken ct)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, ct))
            return ProblemResponses.NotFound("评价批次");
        // The unit scope filter keeps each caller to its own units' reports.
        var reports = await db.ReportRecords.AsNoTracking().Where(r => r.CampaignId == id).OrderBy(r => r.UnitId).ThenBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(reports.Select(r => new ReportView(r.Id, r.UnitId, r.Kind, BeijingTime.Local(r.Due),
            r.MadeAt is { } m ? BeijingTime.Local(m) : null, r.Status, Deadline.StatusName(r.Status), r.LateBySeconds)).ToList());
    }

    public static void Record(ChengxinDbContext db, Data.Submission submission, string kind, DateTimeOffset due, DateTimeOffset? madeAt, DateTimeOffset now)
    {
        var status = Deadline.StatusOf(due, madeAt);
        db.ReportRecords.Add(new ReportRecord
        {
            TenantId = submission.TenantId, CampaignId = submission.CampaignId, UnitId = submission.UnitId, Kind = kind,
            Due = due.UtcDateTime, MadeAt = madeAt?.UtcDateTime, Status = status,
            LateBySeconds = status == ReportStatus.Late ? (long)Math.Ceiling((madeAt!.Value - due).TotalSeconds) : 0, RecordedAt = now.UtcDateTime,
        });
    }

    /// <summary>The keys of facts the platform counts, which no form may set.</summary>
    public static bool IsSystemFact(Item item, string key) => item.Facts.Any(f => f.Key == key && SystemFacts.IsSystem(f.Supplier));
}
