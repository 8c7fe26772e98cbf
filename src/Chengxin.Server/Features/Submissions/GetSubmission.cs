using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Submissions;

public static class GetSubmission
{
    /// <summary>
    /// A unit's report, with a validator: a browser (or the load driver) that sends it back with If-None-Match is answered 304
    /// when nothing the report shows has changed, after the caller is authorised and the context read (the one statement that
    /// also reads the unit's report version), without building the view. no-cache: every use revalidates, so a change is seen
    /// at the next read; private: the report is the caller's.
    /// </summary>
    public static async Task<IResult> Handle(long campaignId, long unitId, HttpContext http, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct, tracked: false);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var etag = ReportETag.Of(db, scope, context, clock.GetUtcNow());
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        if (ReportETag.Matches(http.Request.Headers.IfNoneMatch, etag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(await SubmissionView.MapAsync(db, context, ct));
    }
}
