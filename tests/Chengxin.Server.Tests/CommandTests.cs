using System.Net;
using System.Net.Http.Json;
using Chengxin.Server.Demo;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Chengxin.Server.Tests;

/// <summary>
/// The verbs behind ./chengxin, run as the real server process: admin create, audit verify,
/// serve and demo, each on a data folder of its own.
/// </summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "chengxin-cli", Guid.NewGuid().ToString("N"));

    private static Task<(int Code, string Output)> RunAsync(params string[] args) => ServerProcess.RunAsync(args);

    /// <summary>Starts a long-running verb, waits until /health answers, runs the checks, then stops the process it started.</summary>
    private async Task WithServerAsync(string verb, Func<HttpClient, Func<string>, Task> check)
    {
        await using var server = await ServerProcess.StartAsync(verb, _data);
        await check(server.Client, server.Output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AdminCreate_ThenAuditVerify_ReportsAnIntactChain_AndThenATamperedOne()
    {
        var created = await RunAsync("admin", "create", "--data", _data, "--user", "chief", "--password", "chief-password-1", "--office", "试点信用办");
        created.Code.ShouldBe(0, created.Output);
        created.Output.ShouldContain("已创建管理员 chief");

        var verified = await RunAsync("audit", "verify", "--data", _data);
        verified.Code.ShouldBe(0, verified.Output);
        verified.Output.ShouldContain("审计链完整，共 3 条");

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "chengxin.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER \"AuditEvents_no_update\"; UPDATE \"AuditEvents\" SET \"ActorName\" = '他人' WHERE \"Sequence\" = 2;";
            await command.ExecuteNonQueryAsync();
        }
        var tampered = await RunAsync("audit", "verify", "--data", _data);
        tampered.Code.ShouldBe(1, tampered.Output);
        tampered.Output.ShouldContain("审计链在第 2 条");
    }

    [Fact]
    public async Task AuditCheckpoint_ThenTruncation_VerifyWithTheCheckpointNamesIt_AndRefusesAnAlteredOne()
    {
        (await RunAsync("admin", "create", "--data", _data, "--user", "chief", "--password", "chief-password-1", "--office", "试点信用办")).Code.ShouldBe(0);
        var file = Path.Combine(_data, "checkpoint.json");

        var issued = await RunAsync("audit", "checkpoint", "--data", _data, "-o", file);
        issued.Code.ShouldBe(0, issued.Output);
        issued.Output.ShouldContain("已签发检查点（试点信用办，共 3 条");
        var key = Path.Combine(_data, Features.Audit.CheckpointKey.FileName);
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var holds = await RunAsync("audit", "verify", "--data", _data, "--checkpoint", file);
        holds.Code.ShouldBe(0, holds.Output);
        holds.Output.ShouldContain("与检查点一致");

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "chengxin.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The office's user row and the checkpoint's own event go: what is left is still a perfect chain.
            command.CommandText = "DROP TRIGGER \"AuditEvents_no_delete\"; DELETE FROM \"AuditEvents\" WHERE \"Sequence\" >= 3;";
            await command.ExecuteNonQueryAsync();
        }
        (await RunAsync("audit", "verify", "--data", _data)).Code.ShouldBe(0);
        var truncated = await RunAsync("audit", "verify", "--data", _data, "--checkpoint", file);
        truncated.Code.ShouldBe(1, truncated.Output);
        truncated.Output.ShouldContain("与检查点不符：审计链现只到第 2 条，检查点签发时已有 3 条：最新的 1 条记录被删除（截断）。");

        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"eventCount\": 3", "\"eventCount\": 2", StringComparison.Ordinal));
        var altered = await RunAsync("audit", "verify", "--data", _data, "--checkpoint", file);
        altered.Code.ShouldBe(1, altered.Output);
        altered.Output.ShouldContain("检查点不可信：检查点签名无效");
    }

    [Fact]
    public async Task AuditCheckpoint_DamagedKeyFile_ExitsWithASentenceAndRecordsNothing()
    {
        (await RunAsync("admin", "create", "--data", _data, "--user", "chief", "--password", "chief-password-1")).Code.ShouldBe(0);
        await File.WriteAllTextAsync(Path.Combine(_data, Features.Audit.CheckpointKey.FileName), "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");

        var issued = await RunAsync("audit", "checkpoint", "--data", _data);

        issued.Code.ShouldBe(1, issued.Output);
        issued.Output.ShouldContain("审计检查点签名密钥文件 audit-checkpoint-key.pem 已损坏");
        (await RunAsync("audit", "verify", "--data", _data)).Output.ShouldContain("审计链完整，共 3 条");
    }

    [Fact]
    public async Task Admin_WithoutSubcommand_PrintsUsageAndTouchesNothing()
    {
        var result = await RunAsync("admin", "--data", _data);
        result.Code.ShouldBe(2);
        result.Output.ShouldContain("用法");
        File.Exists(Path.Combine(_data, "chengxin.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Serve_EmptyInstance_AnswersHealthAndAcceptsTheFirstAdmin()
    {
        (await RunAsync("admin", "create", "--data", _data, "--user", "first", "--password", "first-password-1")).Code.ShouldBe(0);
        await WithServerAsync("serve", async (client, output) =>
        {
            var login = await client.PostAsJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("first", "first-password-1"));
            login.StatusCode.ShouldBe(HttpStatusCode.OK, output());
            (await login.Content.ReadFromJsonAsync<AuthEndpoints.MeResponse>())!.Role.ShouldBe("office-admin");
            output().ShouldContain("已启动");
        });
    }

    [Fact]
    public async Task Demo_PrintsAddressAndAccounts_AndTheyCanSignIn()
    {
        await WithServerAsync("demo", async (client, output) =>
        {
            output().ShouldContain("演示实例已启动");
            foreach (var account in DemoSeeder.Accounts)
                output().ShouldContain(account.UserName);

            var login = await client.PostAsJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("firm", DemoSeeder.Password));
            var me = await login.Content.ReadFromJsonAsync<AuthEndpoints.MeResponse>();
            me!.RoleName.ShouldBe("评审员");
            me.TenantName.ShouldBe(DemoSeeder.OfficeName);
        });
    }
}
