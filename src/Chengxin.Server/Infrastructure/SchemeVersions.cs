using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Schemes;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Freezes a built-in scheme into the database when a campaign opens, and reads frozen versions
/// back. Campaigns only ever score against the frozen text, so an edited scheme file changes
/// the next campaign, never a running one.
/// </summary>
public sealed class SchemeVersions(SchemeCatalog catalog, IConfiguration config)
{
    // The official holiday calendar (Chengxin:CalendarFile, else calendars/cn-mainland.yaml beside the server); without it a
    // rule counting working days says so in its explanation instead of guessing.
    private readonly Lazy<WorkingDayCalendar?> _calendar = new(() =>
    {
        var path = config["Chengxin:CalendarFile"] is { Length: > 0 } f ? f : Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml");
        return File.Exists(path) ? WorkingDayCalendar.Parse(File.ReadAllText(path), Path.GetFileName(path)) : null;
    });

    // Parsing and compiling a scheme costs milliseconds; a frozen text never changes, so its hash is a safe key.
    private readonly ConcurrentDictionary<string, CompiledScheme> _compiled = new(StringComparer.Ordinal);

    public SchemeCatalog Catalog => catalog;

    public static string Sha256Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The office's frozen copy of the built-in scheme as loaded now; null when there is no such scheme.</summary>
    public async Task<SchemeVersion?> FreezeAsync(ChengxinDbContext db, string schemeId, long tenantId, DateTime now, CancellationToken ct)
    {
        if (catalog.Find(schemeId) is not { } scheme || catalog.TextOf(schemeId) is not { } text)
            return null;
        var sha = Sha256Of(text);
        // The office is named explicitly, so that seeding outside a request (no scope yet) finds the same row a request would.
        var existing = await db.SchemeVersions.IgnoreQueryFilters()
            .FirstOrDefaultAsync(v => v.TenantId == tenantId && v.SchemeId == schemeId && v.Sha256 == sha, ct);
        if (existing is not null)
            return existing;
        var version = new SchemeVersion
        {
            TenantId = tenantId, SchemeId = scheme.Id, Version = scheme.Version, Title = scheme.Title,
            Sha256 = sha, Yaml = text, CreatedAt = now,
        };
        db.SchemeVersions.Add(version);
        return version;
    }

    // A frozen version's hash never changes: a request that names a version by id needs its text only on the first compile.
    private readonly ConcurrentDictionary<long, string> _hashes = new();

    /// <summary>
    /// The compiled scheme of a frozen version by its id (a campaign's SchemeVersionId): the text (tens of kilobytes) is read from
    /// the database only the first time this process meets the version, not on every request.
    /// </summary>
    public async Task<CompiledScheme> CompileAsync(ChengxinDbContext db, long versionId, CancellationToken ct)
    {
        if (_hashes.TryGetValue(versionId, out var sha) && _compiled.TryGetValue(sha, out var compiled))
            return compiled;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == versionId, ct);
        compiled = Compile(version);
        _hashes[versionId] = version.Sha256;
        return compiled;
    }

    /// <summary>The compiled scheme of a frozen version, checked against its recorded hash first.</summary>
    public CompiledScheme Compile(SchemeVersion version) =>
        _compiled.GetOrAdd(version.Sha256, _ =>
        {
            // A frozen text that no longer matches its hash was changed behind the application's back: refuse to score with it.
            if (Sha256Of(version.Yaml) != version.Sha256)
                throw new InvalidOperationException($"冻结的指标体系 {version.SchemeId}（#{version.Id}）与其 SHA-256 不符，已被改动。");
            return new CompiledScheme(SchemeLoader.Parse(version.Yaml, $"{version.SchemeId}@{version.Sha256[..12]}"), _calendar.Value);
        });
}
