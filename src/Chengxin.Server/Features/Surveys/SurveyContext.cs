using System.Security.Cryptography;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// What the survey use cases share: the campaign the caller may see or manage with its scheme, the questionnaire's items (those whose
/// method is 问卷测评), the random tokens and codes, and the public address a link or QR code carries.
/// </summary>
internal static class SurveyContext
{
    public const string Method = "问卷测评";

    /// <summary>Letters and digits nobody confuses when typing a code from paper (no 0/O, 1/I/L).</summary>
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    /// <summary>A campaign the caller sees (the scope filter decides), with its frozen scheme; null when not visible.</summary>
    public static async Task<(Campaign Campaign, CompiledScheme Scheme)?> VisibleAsync(ChengxinDbContext db, SchemeVersions versions, long campaignId,
        CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
            return null;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        return (campaign, versions.Compile(version));
    }

    /// <summary>A campaign the caller may change (every unit in scope, not voided), with its frozen scheme; null otherwise.</summary>
    public static async Task<(Campaign Campaign, CompiledScheme Scheme)?> ManagedAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        long campaignId, CancellationToken ct)
    {
        var campaign = await CampaignContext.FindManagedAsync(db, scope, campaignId, ct);
        if (campaign is null)
            return null;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        return (campaign, versions.Compile(version));
    }

    /// <summary>The items the questionnaire asks about: those the scheme measures by 问卷测评.</summary>
    public static IReadOnlyList<Item> SurveyedItems(Scheme scheme) =>
        scheme.Items.Where(i => i.Method is { } m && m.Contains(Method, StringComparison.Ordinal)).ToList();

    public static string NewToken(int length = 10) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>An invitation code as printed: upper case, in two groups of four for reading aloud.</summary>
    public static string NewInvitationCode()
    {
        var raw = RandomNumberGenerator.GetString(Alphabet, 8).ToUpperInvariant();
        return $"{raw[..4]}-{raw[4..]}";
    }

    /// <summary>
    /// The address the public reaches: the office's configured one when set (a QR code for a service hall must carry an address
    /// outside callers can open), else the address this request came by (the office's own browser, on the LAN or the Internet).
    /// </summary>
    public static string BaseAddress(SurveyRecord survey, HttpRequest request) =>
        survey.PublicBaseAddress is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{Scheme(request)}://{request.Host}{request.PathBase}";

    /// <summary>
    /// The scheme the browser used. A plain-http request from this machine to itself is marked https by the web app's loopback
    /// rule (for its Secure cookies); a link carrying that https would not open on `./chengxin demo`, so such a request keeps http.
    /// </summary>
    private static string Scheme(HttpRequest request)
    {
        var connection = request.HttpContext.Connection;
        var plainLoopback = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.ITlsConnectionFeature>() is null
            && connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
            && connection.LocalIpAddress is { } local && System.Net.IPAddress.IsLoopback(local);
        return plainLoopback ? Uri.UriSchemeHttp : request.Scheme;
    }

    public static string LinkPath(string token) => $"/s/{token}";

    public static string InvitationPath(string code) => $"/s/i/{code}";

    /// <summary>Every member of the campaign gets its link once; a member added later gets one on the next setup.</summary>
    public static async Task EnsureLinksAsync(ChengxinDbContext db, SurveyRecord survey, Campaign campaign, CancellationToken ct)
    {
        var have = await db.SurveyLinks.IgnoreQueryFilters().Where(l => l.SurveyId == survey.Id).Select(l => l.UnitId).ToListAsync(ct);
        foreach (var unitId in campaign.Units.Select(u => u.UnitId).Except(have))
            db.SurveyLinks.Add(new SurveyLinkRecord { TenantId = campaign.TenantId, SurveyId = survey.Id, UnitId = unitId, Token = NewToken() });
        await db.SaveChangesAsync(ct);
    }
}
