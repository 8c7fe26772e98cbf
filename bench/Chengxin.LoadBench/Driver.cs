using System.Net;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Chengxin.LoadBench;

/// <summary>Latencies of one kind of request, in milliseconds from the moment it was due (open loop: a late send counts).</summary>
internal sealed class Series(string name)
{
    private readonly ConcurrentBag<double> _latencies = [];
    private int _errors;
    private readonly ConcurrentQueue<string> _firstErrors = new();

    public string Name => name;
    public int Count => _latencies.Count;
    public int Errors => _errors;
    public IEnumerable<string> FirstErrors => _firstErrors;

    public void Add(double ms) => _latencies.Add(ms);

    public void Fail(string what)
    {
        Interlocked.Increment(ref _errors);
        if (_firstErrors.Count < 5)
            _firstErrors.Enqueue(what);
    }

    public (double P50, double P99, double Max) Percentiles()
    {
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
            return (double.NaN, double.NaN, double.NaN);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * q) - 1)];
        return (At(0.50), At(0.99), sorted[^1]);
    }

    public static Series Merge(string name, params Series[] parts)
    {
        var merged = new Series(name);
        foreach (var part in parts)
        {
            foreach (var value in part._latencies)
                merged._latencies.Add(value);
            merged._errors += part._errors;
            foreach (var e in part._firstErrors.Take(5 - merged._firstErrors.Count))
                merged._firstErrors.Enqueue(e);
        }
        return merged;
    }
}

/// <summary>
/// An open-loop driver: requests are sent on a fixed schedule whatever the server's answers, and each latency counts from the
/// moment the request was due, so a server that falls behind shows it (no coordinated omission). Bounded in time and in
/// requests in flight; 127.0.0.1 only.
/// </summary>
internal static class Driver
{
    public const int MaxInFlight = 4000;

    public static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs a schedule of <paramref name="rate"/> requests a second for <paramref name="duration"/>; <paramref name="next"/> picks
    /// the request (null: none to send now), its series, and what to do with the answer (null when it failed; not sent at all
    /// when too many are in flight).
    /// </summary>
    public static async Task RunAsync(HttpClient client, double rate, TimeSpan duration, Func<long, (Series Series, Func<HttpResponseMessage?, bool, Task>? After, HttpRequestMessage? Request)> next,
        ConcurrentBag<Task> inFlight, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var total = (long)(rate * duration.TotalSeconds);
        var running = 0;
        for (long i = 0; i < total && !ct.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait, ct);
            var (series, after, request) = next(i);
            if (request is null)
                continue;
            if (Volatile.Read(ref running) >= MaxInFlight)
            {
                series.Fail("too many requests in flight (the server fell behind)");
                request.Dispose();
                if (after is not null)
                    await after(null, false);
                continue;
            }
            Interlocked.Increment(ref running);
            inFlight.Add(SendAsync(client, request, series, after, clock, due, () => Interlocked.Decrement(ref running)));
        }
    }

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request, Series series, Func<HttpResponseMessage?, bool, Task>? after, Stopwatch clock, TimeSpan due,
        Action done)
    {
        try
        {
            using var response = await client.SendAsync(request);
            // The whole body is read: a response is answered when its last byte is in.
            await response.Content.LoadIntoBufferAsync();
            var latency = (clock.Elapsed - due).TotalMilliseconds;
            if (Answered(response))
            {
                series.Add(latency);
                if (after is not null)
                    await after(response, true);
            }
            else
            {
                series.Fail($"{(int)response.StatusCode} {request.Method} {request.RequestUri}: {Trim(await response.Content.ReadAsStringAsync())}");
                if (after is not null)
                    await after(null, true);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            series.Fail($"{request.Method} {request.RequestUri}: {e.GetType().Name} {e.Message}");
            if (after is not null)
                await after(null, true);
        }
        finally
        {
            request.Dispose();
            done();
        }
    }

    /// <summary>
    /// <paramref name="clients"/> clients, each sending its next request when the last is answered, until the requests or the
    /// seconds run out: the answered count, a 304 among them (until s30 B5's saturation phase counted 2xx alone, leaving out most
    /// own reports).
    /// </summary>
    public static async Task<long> ClosedLoopAsync(HttpClient client, int clients, long requests, int? seconds,
        Func<long, (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?)> next)
    {
        var stop = Stopwatch.StartNew();
        long done = 0, index = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while ((seconds is null || stop.Elapsed.TotalSeconds < seconds) && Interlocked.Increment(ref index) is var i && i <= requests)
            {
                var (_, after, request) = next(i);
                if (request is null)
                    continue;
                using (request)
                {
                    try
                    {
                        using var response = await client.SendAsync(request);
                        await response.Content.LoadIntoBufferAsync();
                        var answered = Answered(response);
                        if (answered)
                            Interlocked.Increment(ref done);
                        if (after is not null)
                            await after(answered ? response : null, true);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        if (after is not null)
                            await after(null, true);
                    }
                }
            }
        }));
        return done;
    }

    /// <summary>A success, or a 304 to a conditional read: the browser shows the copy it revalidated, so the read is answered.</summary>
    public static bool Answered(HttpResponseMessage response) => response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified;

    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;

    public static HttpRequestMessage Get(string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage Send(HttpMethod method, string url, string token, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return request;
    }
}
