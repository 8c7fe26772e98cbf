using Chengxin.Server.Data;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>A file of rectification evidence, always as an attachment with the type read at upload.</summary>
public static class DownloadOrderEvidence
{
    public static async Task<IResult> Download(long id, long evidenceId, ChengxinDbContext db, EvidenceStore store, HttpResponse response,
        CancellationToken ct)
    {
        var evidence = await db.OrderEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.OrderId == id, ct);
        if (evidence is null)
            return ProblemResponses.NotFound("整改佐证");
        var path = store.PathOf(evidence.Sha256);
        if (!File.Exists(path))
            return ProblemResponses.NotFound("整改佐证文件");
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(await File.ReadAllBytesAsync(path, ct), evidence.ContentType, evidence.FileName);
    }
}
