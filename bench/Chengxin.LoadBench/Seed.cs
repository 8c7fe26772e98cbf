using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.LoadBench;

/// <summary>A liaison's unit: its id, its API token, and the items it answers on deadline day with their facts.</summary>
internal sealed record SeededUnit(long UnitId, string Token);

/// <summary>One item a liaison answers: its id and its facts (key, type, ledger columns) that the unit supplies.</summary>
internal sealed record AnsweredItem(string ItemId, IReadOnlyList<(string Key, FactType Type, IReadOnlyList<FactColumn> Columns)> Facts);

/// <summary>What the seeding made, kept beside the database so a second run reuses it.</summary>
internal sealed record Seeded(int UnitCount, long TenantId, long CampaignId, List<SeededUnit> Units, List<string> OfficeTokens);

/// <summary>
/// The deadline-day world: one office, a city of towns with a liaison each (an API token each, so that the driver does not
/// spend minutes in PBKDF2 signing in thousands of accounts; a token request is authorised by the same one lookup per request
/// as a session), a campaign on seed 004's towns scheme collecting, every unit's report a draft, and office staff who watch the
/// progress. Written through EF Core and the audit chain, like any write.
/// </summary>
internal static class Seeder
{
    public const string SchemeId = "jiaxian-towns-2022";
    public const int OfficeUsers = 10;

    public static WebApplication App(string dataFolder, string? connection, string schemeFolder)
    {
        var settings = new List<string>
        {
            $"--Chengxin:DataFolder={dataFolder}", $"--Chengxin:SchemeFolder={schemeFolder}", "--Logging:LogLevel:Default=Warning",
        };
        if (connection is not null)
            settings.Add($"--ConnectionStrings:Chengxin={connection}");
        var builder = WebApplication.CreateBuilder(settings.ToArray());
        builder.AddChengxin();
        return builder.Build();
    }

    public static async Task<Seeded> SeedAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        access.SetSystemActor("基准测试 B5");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var office = new CreditOffice { Name = $"截止日基准信用办{Guid.NewGuid().ToString("N")[..6]}", CreatedAt = now };
        db.CreditOffices.Add(office);
        await db.SaveChangesAsync();
        var city = new Unit { TenantId = office.Id, Code = "D", Name = "截止日基准市", Level = UnitLevel.City, CreatedAt = now };
        db.Units.Add(city);
        await db.SaveChangesAsync();
        var version = await versions.FreezeAsync(db, SchemeId, office.Id, now, CancellationToken.None)
            ?? throw new InvalidOperationException($"the built-in scheme {SchemeId} is missing");
        await db.SaveChangesAsync();

        var towns = Enumerable.Range(0, count).Select(i => new Unit
        {
            TenantId = office.Id, Code = $"D-{i:D5}", Name = $"截止日基准镇{i:D5}", Level = UnitLevel.Town, Class = "乡镇", ParentId = city.Id, CreatedAt = now,
        }).ToList();
        foreach (var batch in towns.Chunk(500))
        {
            db.Units.AddRange(batch);
            await db.SaveChangesAsync();
        }

        // Collecting, with the deadline at the end of the day: the deadline-day rush.
        var campaign = new Campaign
        {
            TenantId = office.Id, Name = "截止日基准批次", SchemeVersionId = version.Id, PeriodKey = "2026Q1",
            State = Chengxin.Domain.Campaigns.CampaignState.Open, EvidenceDue = now.AddDays(1), CreatedAt = now,
        };
        var townClass = services.GetRequiredService<SchemeCatalog>().Find(SchemeId)!.Classes[0].Id;
        campaign.Units.AddRange(towns.Select(t => new CampaignUnit { UnitId = t.Id, SchemeClass = townClass }));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        foreach (var batch in towns.Chunk(500))
        {
            db.Submissions.AddRange(batch.Select(t => new Submission
            {
                TenantId = office.Id, CampaignId = campaign.Id, UnitId = t.Id, State = Chengxin.Domain.Campaigns.SubmissionState.Draft,
                Due = campaign.EvidenceDue, CreatedAt = now, Round = 1,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var seeded = new List<SeededUnit>();
        var tokens = new List<ApiToken>();
        foreach (var (town, i) in towns.Select((t, i) => (t, i)))
        {
            var liaison = await NewUserAsync(users, $"b5-{office.Id}-{i:D5}", $"联络员{i:D5}", town, Roles.Liaison, ScopeKind.OwnUnit, now);
            var token = ApiTokenDefaults.NewToken();
            tokens.Add(new ApiToken
            {
                TenantId = office.Id, UserId = liaison.Id, Name = "截止日基准", Prefix = token[..9], TokenHash = ApiTokenDefaults.Hash(token), CreatedAt = now,
            });
            seeded.Add(new SeededUnit(town.Id, token));
            if (tokens.Count >= 500)
            {
                db.ApiTokens.AddRange(tokens);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                tokens.Clear();
            }
        }
        var officeTokens = new List<string>();
        for (var i = 0; i < OfficeUsers; i++)
        {
            var admin = await NewUserAsync(users, $"b5-{office.Id}-office{i}", $"信用办{i}", city, Roles.OfficeAdmin, ScopeKind.Subtree, now);
            var token = ApiTokenDefaults.NewToken();
            tokens.Add(new ApiToken
            {
                TenantId = office.Id, UserId = admin.Id, Name = "截止日基准", Prefix = token[..9], TokenHash = ApiTokenDefaults.Hash(token), CreatedAt = now,
            });
            officeTokens.Add(token);
        }
        db.ApiTokens.AddRange(tokens);
        await db.SaveChangesAsync();
        return new Seeded(count, office.Id, campaign.Id, seeded, officeTokens);
    }

    /// <summary>An account without a password (it signs in with its API token only), so no PBKDF2 per account.</summary>
    private static async Task<AppUser> NewUserAsync(UserManager<AppUser> users, string userName, string displayName, Unit unit, string role, ScopeKind scope, DateTime now)
    {
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, TenantId = unit.TenantId, UnitId = unit.Id, Role = role, ScopeKind = scope, CreatedAt = now,
        };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>The items of the towns scheme a town answers with facts of its own (the unit is their supplier).</summary>
    public static IReadOnlyList<AnsweredItem> Items(IServiceProvider services)
    {
        var scheme = services.GetRequiredService<SchemeCatalog>().Find(SchemeId)
            ?? throw new InvalidOperationException($"the built-in scheme {SchemeId} is missing");
        return scheme.Items
            .Where(i => i.AppliesTo(scheme.Classes[0].Id))
            .Select(i => new AnsweredItem(i.Id, i.Facts.Where(f => Chengxin.Domain.Collection.Suppliers.IsUnit(f.Supplier))
                .Select(f => (f.Key, f.Type, (IReadOnlyList<FactColumn>)f.Columns)).ToList()))
            .Where(i => i.Facts.Count > 0)
            .ToList();
    }

    public static object Value(FactType type, IReadOnlyList<FactColumn> columns, Random random) => type switch
    {
        FactType.Bool => random.Next(4) > 0,
        FactType.Count => random.Next(0, 4),
        FactType.Number => random.Next(0, 200) / 2m,
        FactType.Percent => random.Next(0, 101),
        FactType.Date => "2026-02-15",
        FactType.Text => "情况属实",
        FactType.Judgement => new { points = random.Next(0, 3), reason = "评审给分" },
        FactType.Ledger => Enumerable.Range(0, random.Next(0, 3)).Select(_ => columns.ToDictionary(c => c.Key, c => Value(c.Type, [], random))).ToList(),
        _ => throw new InvalidOperationException($"no value for {type}"),
    };

    public static string Serialize(Seeded seeded) => JsonSerializer.Serialize(seeded);

    public static Seeded? Deserialize(string json) => JsonSerializer.Deserialize<Seeded>(json);
}
