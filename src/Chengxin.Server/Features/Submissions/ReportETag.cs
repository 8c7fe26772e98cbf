using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.Extensions.Primitives;
using static Chengxin.Server.Infrastructure.BeijingTime;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// The validator of a unit's own report (GET …/submission), worked out from what the report's one context statement reads anyway:
/// the unit's report version (<see cref="ReportVersions"/>: every row of the report kept elsewhere), and every column of the campaign,
/// the unit, its class and the submission (their own edits: a renaming, a deadline, a state). Bound to its caller (the account and
/// its role: one caller's validator never answers another's read) and to this build of the server (a new build may show the same
/// rows otherwise). Which of the report's deadlines have passed is in it too, so a read after a deadline is never answered by a
/// validator from before it, whatever the page makes of the time. A validator is a hash: it says nothing about what it covers.
/// </summary>
internal static class ReportETag
{
    private static readonly string Build = typeof(ReportETag).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    internal static string Of(ChengxinDbContext db, AccessScope scope, SubmissionContext context, DateTimeOffset now)
    {
        var text = new StringBuilder(1024).Append(Build).Append('|').Append(scope.UserId).Append('|').Append(scope.Role)
            .Append('|').Append(context.ReportVersion.ToString(CultureInfo.InvariantCulture)).Append('|').Append(context.SchemeClass);
        Columns(db, text, context.Campaign);
        Columns(db, text, context.Unit);
        if (context.Submission is { } submission)
            Columns(db, text, submission);
        text.Append("|passed:");
        foreach (var deadline in Deadlines(context))
            text.Append(deadline is { } at && Utc(at) < now ? '1' : '0');
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return $"W/\"{Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_')}\"";
    }

    // Every deadline the report shows or is measured against; one passed (a second after it, as lateness counts) changes the validator.
    private static IEnumerable<DateTime?> Deadlines(SubmissionContext context)
    {
        var campaign = context.Campaign;
        yield return campaign.LiaisonDue;
        yield return campaign.EvidenceDue;
        yield return campaign.SelfAssessmentDue;
        yield return campaign.ReviewDue;
        yield return campaign.PublishedAt?.AddSeconds(campaign.AppealWindowSeconds);
        if (context.Submission is not { } submission)
            yield break;
        yield return submission.Due;
        yield return submission.ReturnDue;
        yield return SubmissionContext.EditDeadline(campaign, submission).UtcDateTime;
    }

    // The columns as the model maps them, so a column added later is covered without a change here.
    private static void Columns(ChengxinDbContext db, StringBuilder text, object entity)
    {
        foreach (var property in db.Model.FindEntityType(entity.GetType())!.GetProperties())
        {
            text.Append('|');
            var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
            text.Append(value switch
            {
                null => "~",
                DateTime d => d.Ticks.ToString(CultureInfo.InvariantCulture),
                DateTimeOffset d => d.UtcTicks.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }
    }

    /// <summary>Whether a conditional read's If-None-Match names this validator (weak comparison, as a GET uses; * names any).</summary>
    internal static bool Matches(StringValues ifNoneMatch, string etag)
    {
        var opaque = etag[2..];
        foreach (var header in ifNoneMatch)
            foreach (var candidate in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (candidate == "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate) == opaque)
                    return true;
        return false;
    }
}
