using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chengxin.LoadBench;

/// <summary>A child process this bench started (the server, the floor server, the instances script); only these are stopped.</summary>
internal sealed class Child : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private Child(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The CPU time this process has used so far (every core counted).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The CPU time used so far by the processes whose pid files start.sh wrote under a folder.</summary>
    public static TimeSpan CpuTimeOf(string instancesFolder) =>
        Directory.GetFiles(instancesFolder, "pid", SearchOption.AllDirectories).Aggregate(TimeSpan.Zero, (sum, file) =>
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture));
                return sum + process.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                return sum;
            }
        });

    /// <summary>
    /// The CPU time used so far by PostgreSQL's backends serving one database (their command lines name it): the database's share
    /// of a request, which the server process's own figure leaves out. Backends live as long as the pool keeps their connections,
    /// so a difference over a phase counts every statement of it; a backend that ended within the phase is not counted.
    /// </summary>
    public static TimeSpan DatabaseCpuTime(string database)
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!command.StartsWith("postgres: ", StringComparison.Ordinal) || !command.Contains($" {database} ", StringComparison.Ordinal))
                    continue;
                // utime and stime are fields 14 and 15 of /proc/<pid>/stat, counted after the command's closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone between listing and reading, or not ours to read.
            }
        }
        // Clock ticks of 1/100 s (USER_HZ on Linux).
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Child Start(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ConnectionStrings__Chengxin");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return new Child(Process.Start(info)!);
    }

    /// <summary>The server as deployed: `serve` of the built chengxin-server.dll on a loopback port, plain http allowed.</summary>
    public static async Task<(Child Server, Uri Address)> ServerAsync(string root, string dataFolder, string? connection)
    {
        // CHENGXIN_B5_SERVER names another build (a copy of the commit before), so before and after run in the same hour.
        var dll = Environment.GetEnvironmentVariable("CHENGXIN_B5_SERVER") is { Length: > 0 } other
            ? other
            : Path.Combine(root, "src", "Chengxin.Server", "bin", "Release", "net10.0", "chengxin-server.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: dotnet build src/Chengxin.Server -c Release");
        var port = FreePort();
        var environment = connection is null ? null : new Dictionary<string, string> { ["ConnectionStrings__Chengxin"] = connection };
        var server = Start("dotnet", [dll, "serve", "--data", dataFolder, "--urls", $"http://127.0.0.1:{port}", "--Chengxin:AllowHttp=true",
            $"--Chengxin:SchemeFolder={Path.Combine(root, "schemes")}", "--Logging:LogLevel:Default=Warning"], environment);
        var address = new Uri($"http://127.0.0.1:{port}");
        await server.WaitForHealthAsync(address);
        return (server, address);
    }

    /// <summary>The floor: this program again, as the minimal Kestrel endpoint.</summary>
    public static async Task<(Child Server, Uri Address)> FloorServerAsync()
    {
        var port = FreePort();
        var self = typeof(Child).Assembly.Location;
        var server = Start("dotnet", [self, "--floor-server", port.ToString()]);
        var address = new Uri($"http://127.0.0.1:{port}");
        await server.WaitForHealthAsync(address);
        return (server, address);
    }

    public async Task WaitForHealthAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the process stopped before answering:\n{Output()}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"no answer from {address}/health in 2 minutes:\n{Output()}");
    }

    /// <summary>Runs to its end (the instances scripts): exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var child = Start(file, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await child._process.WaitForExitAsync(timeout.Token);
        child._process.WaitForExit();
        return (child._process.ExitCode, child.Output());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
