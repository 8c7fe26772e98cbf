using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Benchmark B2: a campaign's results read through the server's real handler (ManageResults.Get) on SQLite, as an
// office admin whose scope is the whole city. Target: 3,000 units in under 200 ms.
var units = Option("--units", 3000);
var runs = Option("--runs", 5);
const decimal TargetMs = 200m;

var root = FindRoot();
// --data DIR keeps the seeded database for the next run (seeding goes through the audit chain and takes minutes).
var kept = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault();
var data = kept is not null ? Path.GetFullPath(kept) : Path.Combine(Path.GetTempPath(), $"chengxin-results-bench-{Environment.ProcessId}");
var marker = Path.Combine(data, "results-bench.json");
Directory.CreateDirectory(data);
try
{
    var builder = WebApplication.CreateBuilder([$"--Chengxin:DataFolder={data}", $"--Chengxin:SchemeFolder={Path.Combine(root, "schemes")}",
        "--Logging:LogLevel:Default=Warning"]);
    builder.AddChengxin();
    await using var app = builder.Build();
    await app.Services.MigrateDatabaseAsync();

    var seedWatch = Stopwatch.StartNew();
    Seeded seeded;
    if (File.Exists(marker) && JsonSerializer.Deserialize<Seeded>(await File.ReadAllTextAsync(marker)) is { } earlier && earlier.Units == units)
        seeded = earlier;
    else
    {
        seeded = await SeedAsync(app.Services, units);
        await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(seeded));
        Console.WriteLine($"seeded {units:N0} units with their facts in {seedWatch.Elapsed.TotalSeconds:0.0} s ({data})");
    }
    var (campaignId, admin) = (seeded.CampaignId, seeded);

    var times = new List<double>();
    for (var run = 0; run < runs + 2; run++)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        access.SetUser(admin.UserId, "基准测试", Roles.OfficeAdmin, admin.TenantId, admin.CityId, await CityScopeAsync(db, admin.CityId));
        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var result = await ManageResults.Get(campaignId, db, versions, access, CancellationToken.None);
        watch.Stop();
        if (result is not Ok<CampaignResultView> { Value: { } view })
            throw new InvalidOperationException($"the handler answered {result.GetType().Name}, not the results");
        if (view.Units.Count != units)
            throw new InvalidOperationException($"results hold {view.Units.Count} units, expected {units}");
        if (run >= 2)
            times.Add(watch.Elapsed.TotalMilliseconds);
        Console.WriteLine($"{(run < 2 ? "warm-up" : "run")} {run + 1}: {watch.Elapsed.TotalMilliseconds:N1} ms");
    }
    // Where the time goes, for whoever makes it faster: reading the facts alone, and the whole computation without the scope filter.
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        access.SetUser(admin.UserId, "基准测试", Roles.OfficeAdmin, admin.TenantId, admin.CityId, await CityScopeAsync(db, admin.CityId));
        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == campaignId);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId);
        var members = campaign.Units.Select(u => new FactsMember(u.UnitId, "", u.SchemeClass)).ToList();
        var watch = Stopwatch.StartNew();
        await CampaignFacts.LoadAsync(db, campaignId, versions.Compile(version), members, SpotCheckFindings.Completed, CancellationToken.None);
        var load = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        await ManageResults.ComputeAsync(db, versions, campaign, CancellationToken.None);
        Console.WriteLine($"breakdown: facts read into sheets {load:N1} ms; whole computation (facts, scoring twice, explanations) {watch.Elapsed.TotalMilliseconds:N1} ms");
    }
    times.Sort();
    var median = (decimal)times[times.Count / 2];
    Console.WriteLine();
    Console.WriteLine($"results of a campaign of {units:N0} units (GET /api/campaigns/{{id}}/results, SQLite): median {median:N1} ms of {runs} runs");
    Console.WriteLine($"target < {TargetMs:N0} ms: {(median < TargetMs ? "PASS" : "FAIL")}");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (kept is null)
        Directory.Delete(data, recursive: true);
}
return 0;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

// The office admin's scope as the middleware builds it: the city's subtree by its path.
static async Task<VisibleUnits> CityScopeAsync(ChengxinDbContext db, long cityId) =>
    VisibleUnits.Subtree(await db.Units.IgnoreQueryFilters().Where(u => u.Id == cityId).Select(u => u.Path).FirstAsync());

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
            return dir.FullName;
    throw new InvalidOperationException("Chengxin.slnx not found above the bench's folder");
}

// An office, a city of `count` towns, one campaign on seed 004's towns scheme with every unit's facts entered and submitted.
static async Task<Seeded> SeedAsync(IServiceProvider services, int count)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
    var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
    var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
    access.SetSystemActor("基准测试");
    var now = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    var office = new CreditOffice { Name = "基准市信用办", CreatedAt = now };
    db.CreditOffices.Add(office);
    await db.SaveChangesAsync();
    var city = new Unit { TenantId = office.Id, Code = "B", Name = "基准市", Level = UnitLevel.City, CreatedAt = now };
    db.Units.Add(city);
    await db.SaveChangesAsync();
    var version = await versions.FreezeAsync(db, "jiaxian-towns-2022", office.Id, now, CancellationToken.None)
        ?? throw new InvalidOperationException("the built-in scheme jiaxian-towns-2022 is missing");
    await db.SaveChangesAsync();
    var compiled = versions.Compile(version);
    var scheme = compiled.Scheme;

    var random = new Random(20260401);
    var towns = new List<Unit>();
    for (var i = 0; i < count; i++)
        towns.Add(new Unit
        {
            TenantId = office.Id, Code = $"B-{i:D5}", Name = $"基准镇{i:D5}", Level = UnitLevel.Town, Class = "乡镇", ParentId = city.Id, CreatedAt = now,
        });
    db.Units.AddRange(towns);
    await db.SaveChangesAsync();

    var campaign = new Campaign
    {
        TenantId = office.Id, Name = "基准批次", SchemeVersionId = version.Id, PeriodKey = "2026Q1",
        State = Chengxin.Domain.Campaigns.CampaignState.Reviewing, EvidenceDue = now.AddDays(30), AppealWindowSeconds = 7 * 86400, CreatedAt = now,
    };
    campaign.Units.AddRange(towns.Select((t, i) => new CampaignUnit { UnitId = t.Id, SchemeClass = scheme.Classes[i % scheme.Classes.Count].Id }));
    db.Campaigns.Add(campaign);
    await db.SaveChangesAsync();

    foreach (var batch in campaign.Units.Chunk(250))
    {
        var submissions = batch.Select(member => new Submission
        {
            TenantId = office.Id, CampaignId = campaign.Id, UnitId = member.UnitId, State = Chengxin.Domain.Campaigns.SubmissionState.Submitted,
            Due = campaign.EvidenceDue, SubmittedAt = now.AddDays(10), CreatedAt = now, Round = 1,
        }).ToList();
        db.Submissions.AddRange(submissions);
        await db.SaveChangesAsync();
        foreach (var (member, submission) in batch.Zip(submissions))
            foreach (var item in scheme.Items.Where(i => i.AppliesTo(member.SchemeClass)))
                foreach (var fact in item.Facts.Where(f => !SystemFacts.IsSystem(f.Supplier)))
                    db.SubmissionFacts.Add(new SubmissionFact
                    {
                        TenantId = office.Id, SubmissionId = submission.Id, UnitId = member.UnitId, ItemId = item.Id, FactKey = fact.Key, Source = "unit",
                        ValueJson = JsonSerializer.Serialize(Value(fact.Type, fact.Columns, random)), EnteredByName = "联络员", EnteredRole = Roles.Liaison,
                        EnteredAt = now.AddDays(5), ItemVersion = 1,
                    });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    var ids = await db.Units.IgnoreQueryFilters().Where(u => u.TenantId == office.Id).Select(u => u.Id).ToListAsync();
    return new Seeded(count, campaign.Id, Guid.NewGuid(), office.Id, city.Id, ids);
}

static object Value(FactType type, IReadOnlyList<FactColumn> columns, Random random) => type switch
{
    FactType.Bool => random.Next(4) > 0,
    FactType.Count => random.Next(0, 4),
    FactType.Number => random.Next(0, 200) / 2m,
    FactType.Percent => random.Next(0, 101),
    FactType.Date => "2026-02-15",
    FactType.Text => "情况属实",
    FactType.Judgement => new { points = random.Next(0, 3), reason = "评审给分" },
    FactType.Ledger => Enumerable.Range(0, random.Next(0, 4))
        .Select(_ => columns.ToDictionary(c => c.Key, c => Value(c.Type, [], random))).ToList(),
    _ => throw new InvalidOperationException($"no value for {type}"),
};

/// <summary>What the seeding made: the campaign to read and the office admin's scope (the whole city).</summary>
internal sealed record Seeded(int Units, long CampaignId, Guid UserId, long TenantId, long CityId, List<long> UnitIds);
