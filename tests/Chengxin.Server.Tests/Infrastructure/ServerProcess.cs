using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chengxin.Server.Tests.Infrastructure;

/// <summary>
/// The built server (chengxin-server.dll from this build) as a real child process: a verb run to its end, or a
/// long-running verb listening on a free loopback port. Only the process it started is ever stopped or killed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    public static string ServerDll()
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

    /// <summary>The server's command line; SQLite in the data folder unless <paramref name="connection"/> names a PostgreSQL database.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> args, string? connection = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServerDll());
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ConnectionStrings__Chengxin");
        if (connection is not null)
            info.Environment["ConnectionStrings__Chengxin"] = connection;
        return info;
    }

    /// <summary>Runs a verb that ends by itself (admin create, audit verify …); its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(IReadOnlyList<string> args, string? connection = null)
    {
        using var process = Process.Start(StartInfo(args, connection))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a long-running verb (serve, demo) on a free port and returns once /health answers.</summary>
    public static async Task<ServerProcess> StartAsync(string verb, string dataFolder, string? connection = null)
    {
        var port = FreePort();
        var server = new ServerProcess(Process.Start(StartInfo([verb, "--data", dataFolder, "--urls", $"http://127.0.0.1:{port}"], connection))!, port);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                server.HasExited.ShouldBeFalse(server.Output());
                try
                {
                    if ((await server.Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                        return server;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                // The demo seeds and publishes a campaign of every seed family before it listens: about 20 s on an idle machine,
                // several times that while the other test collections share the two cores (the browser tests allow 120 s too).
                waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(120), server.Output());
                await Task.Delay(200);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no disposal runs; whatever the server acknowledged must already be durable.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
            _output.AppendLine(line);
    }
}
