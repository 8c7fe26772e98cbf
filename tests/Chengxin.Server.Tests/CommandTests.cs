using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Chengxin.Server.Demo;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Units;
using Microsoft.Data.Sqlite;

namespace Chengxin.Server.Tests;

/// <summary>
/// The verbs behind ./chengxin, run as the real server process: admin create, audit verify,
/// serve and demo, each on a data folder of its own.
/// </summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "chengxin-cli", Guid.NewGuid().ToString("N"));

    private static string ServerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
            dir = dir.Parent;
        dir.ShouldNotBeNull("the repository root (Chengxin.slnx) was not found above the test output");
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(dir.FullName, "src", "Chengxin.Server", "bin", configuration, "net10.0", "chengxin-server.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing: build the solution first");
        return dll;
    }

    private static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServerDll());
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ConnectionStrings__Chengxin");
        return info;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a long-running verb, waits until /health answers, runs the checks, then stops the process it started.</summary>
    private async Task WithServerAsync(string verb, Func<HttpClient, Func<string>, Task> check)
    {
        var port = FreePort();
        using var process = Process.Start(StartInfo(verb, "--data", _data, "--urls", $"http://127.0.0.1:{port}"))!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Output()
        {
            lock (output)
                return output.ToString();
        }
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                process.HasExited.ShouldBeFalse(Output());
                try
                {
                    if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                        break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), Output());
                await Task.Delay(200);
            }
            await check(client, Output);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
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
