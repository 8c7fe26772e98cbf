using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// Answer sheets per network address per minute (Chengxin:Surveys:AnswersPerMinute, 30 by default: a service hall's visitors share
/// one address behind its router, a script does not need more). The address is the connection's own: X-Forwarded-For is believed only
/// from a configured proxy (Infrastructure/Transport), so a forged header cannot open a new allowance. Nothing of it is stored.
/// A refusal is 429 with Retry-After, as a page for a browser and as ProblemDetails for anything else.
/// </summary>
internal sealed class SurveyRateLimit(IConfiguration config) : IRateLimiterPolicy<string>
{
    public const int DefaultPerMinute = 30;

    private readonly int _perMinute = config.GetValue("Chengxin:Surveys:AnswersPerMinute", DefaultPerMinute);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter("survey:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var response = ctx.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await SurveyPage.RefuseAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "提交过于频繁", "同一网络提交过于频繁，请稍后再试。");
    };
}
