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

namespace Chengxin.Server.Features.Submissions;

public static class DownloadEvidence
{
    public static async Task<IResult> Handle(long campaignId, long unitId, long evidenceId, HttpResponse response, ChengxinDbContext db,
        EvidenceStore store, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        var evidence = submission is null ? null
            : await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == submission.Id, ct);
        // The campaign must be visible too: a unit's evidence is not reachable through a campaign the caller cannot see.
        if (evidence is null || !await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct))
            return ProblemResponses.NotFound("佐证材料");
        var bytes = await store.ReadContentAsync(evidence.Sha256, ct);
        if (bytes is null)
            return ProblemResponses.NotFound("佐证材料文件");
        // Always a download with the type read at upload, and no sniffing: an uploaded file never renders as a page.
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(bytes, evidence.ContentType, evidence.FileName);
    }
}
