using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// What the server adds to a PostgreSQL connection string (<see cref="DatabaseSettings.ServerDefaults"/>): prepared statements, and no
/// session reset when a pooled connection is given back, which Npgsql would otherwise send as seven statements ahead of every API
/// request's first (issue 19, B5 s32). Leaving out the reset is safe only while the server leaves no session state on a connection;
/// the one it had, the migrator's lock, is now the migration transaction's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionDefaultsTests(PostgresApp app)
{
    [Fact]
    public void ServerDefaults_OnAStringThatSaysNothing_PrepareAndSkipTheReset()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSettings.ServerDefaults("Host=db.example;Database=chengxin;Username=chengxin"));

        (builder.NoResetOnClose, builder.MaxAutoPrepare, builder.AutoPrepareMinUsages).ShouldBe((true, 64, 2));
    }

    [Theory]
    [InlineData("Host=db.example;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db.example;NoResetOnClose=false;MaxAutoPrepare=0")]
    public void ServerDefaults_WhatTheOperatorSaid_IsKept(string given)
    {
        // Behind a pooler that cannot hold prepared statements, or one that shares sessions between clients, the operator decides.
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSettings.ServerDefaults(given));

        (builder.NoResetOnClose, builder.MaxAutoPrepare).ShouldBe((false, 0));
    }

    [Fact]
    public void ServerDefaults_AKeywordNpgsqlDoesNotKnow_IsAStartupProblemThatNamesIt()
    {
        // "Max Pool Size" is what older drivers took and what operators copy; Npgsql 10 knows only Maximum Pool Size.
        var problem = Should.Throw<StartupProblem>(() => DatabaseSettings.ServerDefaults("Host=db.example;Max Pool Size=50"));

        problem.Message.ShouldContain("ConnectionStrings:Chengxin");
        problem.Message.ShouldContain("max pool size");
    }

    [Fact]
    public void Server_ConnectionString_IsTheOneWithTheDefaults()
    {
        var settings = app.Factory.Services.GetRequiredService<DatabaseSettings>();

        new NpgsqlConnectionStringBuilder(settings.ConnectionString).NoResetOnClose.ShouldBeTrue();
    }

    [Theory]
    [InlineData(64, "Host=db.example", false)]
    [InlineData(100, "Host=db.example", true)]
    [InlineData(150, "Host=db.example;Maximum Pool Size=200", false)]
    [InlineData(64, "Host=db.example;Maximum Pool Size=50", true)]
    public void PoolMismatch_TheGateAgainstThePool_IsSaidAtStartWhenItDoesNotFit(int maxConcurrent, string connection, bool said)
    {
        // Each admitted API request holds a connection to its answer (ADR 0014): the gate must admit fewer than the pool holds.
        var settings = new DatabaseSettings(true, DatabaseSettings.ServerDefaults(connection), "data");

        var mismatch = Overload.PoolMismatch(new OverloadSettings { MaxConcurrentRequests = maxConcurrent }, settings);

        if (said)
            mismatch.ShouldNotBeNull().ShouldContain("Maximum Pool Size");
        else
            mismatch.ShouldBeNull();
    }

    [Fact]
    public void PoolMismatch_OnSqlite_IsNeverSaid() =>
        Overload.PoolMismatch(new OverloadSettings { MaxConcurrentRequests = 500 }, new DatabaseSettings(false, "Data Source=x.db", "data")).ShouldBeNull();

    [Fact]
    public async Task Migrator_HavingRun_LeavesNoLockOnTheConnectionItGaveBack()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        // The migrator's connection now idles in the pool, unreset: a session lock left on it would hold every later start. Advisory
        // locks are the database's, so other fixtures' migrations in their own databases are not counted.
        await using var check = new NpgsqlConnection(app.ConnectionString!);
        await check.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 0 AND objid = 72450001 AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, check);
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
