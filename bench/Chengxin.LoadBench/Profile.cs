namespace Chengxin.LoadBench;

/// <summary>
/// The server's CPU time per request of each kind of the mix, one kind at a time (a few clients, closed loop): the figure that
/// says where the cores go and does not depend on what else the machine runs, as a latency does.
/// </summary>
internal static class Profile
{
    private const int Clients = 4;

    public const string ClientsText = "4 clients, closed loop, one kind at a time";

    /// <summary>The kinds' letters for --profile-kinds, in the order they run.</summary>
    public const string Letters = "rfmwo";

    public static async Task<IReadOnlyList<(char Letter, string Kind, int Answered, int NotModified, double CpuMs, double? DatabaseCpuMs, double LeftMs)>> RunAsync(
        HttpClient client, Workload workload, Func<TimeSpan> serverCpu, Func<TimeSpan>? databaseCpu, int requests, string only)
    {
        var kinds = new (string Kind, Func<long, (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?)> Next)[]
        {
            // As a browser reads it: revalidating the copy it holds (the warm-up's answers leave every liaison one), 304 while nothing
            // changed; and in full, as after a change (or from a server without validators).
            ("own report, unchanged (GET …/submission with If-None-Match)", workload.NextOwnReport),
            ("own report, in full (GET …/submission, no validator)", workload.NextOwnReportInFull),
            ("who am I (GET /api/auth/me)", workload.NextMe),
            ("write (3 saves : 1 submit : 1 withdraw)", workload.NextWrite),
            ("office reads (campaign list : progress board : reports, in turn)", workload.NextOffice),
        };
        var figures = new List<(char, string, int, int, double, double?, double)>();
        // --profile-kinds rfmwo: which kinds, by letter (revalidated, full, me, write, office), so that one kind can be traced alone.
        foreach (var (letter, (kind, next)) in Letters.Zip(kinds).Where(k => only.Contains(k.First, StringComparison.Ordinal)))
        {
            // Unmeasured first, the same requests as measured: the JIT's final code for this kind's path, and every liaison the
            // measured run reads holds its copy (so that the revalidated reads are all 304, however many units there are). Then the
            // server must be idle, so that a backlog the open-loop phase left is not counted as this kind's.
            await SendAsync(client, next, requests);
            await Task.Delay(LeftWorkPeriod);
            await QuietAsync(serverCpu);
            var idle = await IdleRateAsync(serverCpu, databaseCpu);
            var before = serverCpu();
            var databaseBefore = databaseCpu?.Invoke();
            var notModified = workload.NotModified;
            var answered = await SendAsync(client, next, requests);
            var (serverAnswered, databaseAnswered) = (serverCpu(), databaseCpu?.Invoke());
            // What the requests left to do after their answers (a write's results and ranks are refreshed off the write, ADR 0011, by
            // work that runs every five and every ten seconds), until the server is idle again: part of the kind's cost, which a
            // closed loop of answers alone does not see. The server's idle rate over as long (timers, other scheduled work) is not.
            var leftClock = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(LeftWorkPeriod);
            await QuietAsync(serverCpu);
            var left = (serverCpu() - serverAnswered) + (databaseCpu is null ? TimeSpan.Zero : databaseCpu() - databaseAnswered!.Value)
                - idle * leftClock.Elapsed.TotalSeconds;
            figures.Add((letter, kind, answered, workload.NotModified - notModified, (serverAnswered - before).TotalMilliseconds / Math.Max(1, answered),
                databaseCpu is null ? null : (databaseAnswered!.Value - databaseBefore!.Value).TotalMilliseconds / Math.Max(1, answered),
                left.TotalMilliseconds / Math.Max(1, answered)));
        }
        return figures;
    }

    /// <summary>
    /// The CPU time per request of the minimal endpoint and of this driver, GET and PUT alternating as reads and writes do, after
    /// as many again unmeasured: what HTTP alone costs on each end.
    /// </summary>
    public static async Task<(double EndpointMs, double DriverMs)> HttpAloneAsync(HttpClient client, Func<TimeSpan> endpointCpu, Func<TimeSpan> driverCpu,
        int requests)
    {
        static (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) Next(long i) => (null!, null, i % 10 == 0
            ? new HttpRequestMessage(HttpMethod.Put, "/w") { Content = new StringContent("{\"facts\":{}}") }
            : new HttpRequestMessage(HttpMethod.Get, "/r"));
        await SendAsync(client, Next, requests);
        await QuietAsync(endpointCpu);
        var (endpoint, driver) = (endpointCpu(), driverCpu());
        var answered = Math.Max(1, await SendAsync(client, Next, requests));
        return ((endpointCpu() - endpoint).TotalMilliseconds / answered, (driverCpu() - driver).TotalMilliseconds / answered);
    }

    /// <summary>
    /// Longer than the longest period of the work a request leaves for later: the stale results are recomputed every five seconds,
    /// the ranks every ten (<c>StaleResultRefresh</c>, <c>RankRefresh</c>). Waiting only for half a second of quiet missed both: it
    /// measured a write as leaving 0.01 ms (s30, first try).
    /// </summary>
    private static readonly TimeSpan LeftWorkPeriod = TimeSpan.FromSeconds(11);

    /// <summary>The CPU time a second the server and the database spend idle (timers, scheduled work with nothing to do), over two seconds.</summary>
    private static async Task<TimeSpan> IdleRateAsync(Func<TimeSpan> serverCpu, Func<TimeSpan>? databaseCpu)
    {
        var (server, database) = (serverCpu(), databaseCpu?.Invoke() ?? TimeSpan.Zero);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return ((serverCpu() - server) + ((databaseCpu?.Invoke() ?? TimeSpan.Zero) - database)) / 2;
    }

    /// <summary>Waits until the server uses under a twentieth of a core over half a second, at most a minute.</summary>
    private static async Task QuietAsync(Func<TimeSpan> serverCpu)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            var cpu = serverCpu();
            await Task.Delay(500);
            if ((serverCpu() - cpu).TotalMilliseconds < 25)
                return;
        }
    }

    private static async Task<int> SendAsync(HttpClient client,
        Func<long, (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?)> next, int requests) =>
        (int)await Driver.ClosedLoopAsync(client, Clients, requests, null, next);
}
