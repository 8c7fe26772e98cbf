using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Tests;

/// <summary>
/// The migrations are hand-written SQL. This keeps them honest: the model EF Core would create
/// must equal the checked-in snapshot (Schema/*.model.sql); when the model changes, the test
/// fails, writes the new snapshot to test-output, and a new Vnnn script for each provider is due.
/// </summary>
public sealed class SchemaScriptTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_MatchesCheckedInSnapshot(string provider)
    {
        var builder = new DbContextOptionsBuilder<ChengxinDbContext>();
        if (provider == "Sqlite")
            builder.UseSqlite("Data Source=:memory:");
        else
            builder.UseNpgsql("Host=localhost;Database=snapshot");
        using var db = new ChengxinDbContext(builder.Options);
        var generated = db.Database.GenerateCreateScript().ReplaceLineEndings("\n").Trim() + "\n";

        var snapshotPath = Path.Combine(AppContext.BaseDirectory, "Schema", $"{provider}.model.sql");
        var snapshot = File.Exists(snapshotPath) ? File.ReadAllText(snapshotPath).ReplaceLineEndings("\n") : "";
        if (snapshot != generated)
        {
            var output = Path.Combine(AppContext.BaseDirectory, $"{provider}.model.sql");
            File.WriteAllText(output, generated);
            Assert.Fail($"The EF Core model differs from Schema/{provider}.model.sql. Add a migration script for both providers " +
                        $"under src/Chengxin.Server/Data/Migrations and replace the snapshot with {output}.");
        }
        generated.ShouldContain("AuditEvents");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Scripts_AreNumberedWithoutGaps(string provider)
    {
        var versions = DatabaseMigrator.Scripts(provider).Select(s => s.Version).ToList();
        versions.ShouldNotBeEmpty();
        versions.ShouldBe(Enumerable.Range(1, versions.Count).ToList());
    }
}
