using System.Collections.Concurrent;

namespace Chengxin.LoadBench;

/// <summary>A unit on deadline day: its liaison's writes go one at a time, in a cycle, and what was acknowledged is kept.</summary>
internal sealed class UnitRun(SeededUnit unit, IReadOnlyList<AnsweredItem> items)
{
    private int _busy;

    public SeededUnit Unit => unit;
    public IReadOnlyList<AnsweredItem> Items => items;
    public int Step { get; set; }

    /// <summary>The explanation of each item's last acknowledged save, by item id.</summary>
    public Dictionary<string, string> Saved { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the last acknowledged state change was a submit.</summary>
    public bool Submitted { get; set; }

    /// <summary>A write went unanswered: it may or may not have happened, so this unit's end state is not checked.</summary>
    public bool Uncertain { get; set; }

    private string? _reportETag;

    /// <summary>The validator of the liaison's last answered own report: sent back as a browser does (If-None-Match).</summary>
    public string? ReportETag
    {
        get => Volatile.Read(ref _reportETag);
        set => Volatile.Write(ref _reportETag, value);
    }

    public bool TryTake() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Release() => Volatile.Write(ref _busy, 0);
}

/// <summary>
/// The deadline-day mix. Writes ("submissions"): each unit saves three of its items (facts and an explanation that names the
/// write), submits, and withdraws to correct something, over and over; the next write goes to the next unit not busy. Reads:
/// liaisons reading their own report (85 %) and who they are (14 %), office staff reading the campaign list, the progress
/// board and the reports of the campaign (1 %).
/// </summary>
internal sealed class Workload
{
    private const int SavesPerCycle = 3;
    private readonly UnitRun[] _units;
    private readonly Seeded _seeded;
    private readonly string _campaignUrl;
    private int _cursor;

    public Workload(Seeded seeded, IReadOnlyList<AnsweredItem> items)
    {
        _seeded = seeded;
        var random = new Random(19);
        _units = seeded.Units.Select(u => new UnitRun(u, items.OrderBy(_ => random.Next()).Take(SavesPerCycle).ToList())).ToArray();
        _campaignUrl = $"/api/campaigns/{seeded.CampaignId}";
    }

    public IReadOnlyList<UnitRun> Units => _units;
    public Series Saves { get; private set; } = new("save an item");
    public Series Submits { get; private set; } = new("submit");
    public Series Withdrawals { get; private set; } = new("withdraw");
    public Series OwnReport { get; private set; } = new("liaison: own report");
    public Series Me { get; private set; } = new("liaison: who am I");
    public Series Office { get; private set; } = new("office: list, progress, reports");

    /// <summary>Fresh series for the next measured phase; the units keep what was acknowledged.</summary>
    public void NewPhase()
    {
        (Saves, Submits, Withdrawals) = (new(Saves.Name), new(Submits.Name), new(Withdrawals.Name));
        (OwnReport, Me, Office) = (new(OwnReport.Name), new(Me.Name), new(Office.Name));
    }

    public Series AllWrites => Series.Merge("writes", Saves, Submits, Withdrawals);
    public Series AllReads => Series.Merge("reads", OwnReport, Me, Office);

    private string SubmissionUrl(UnitRun unit) => $"{_campaignUrl}/units/{unit.Unit.UnitId}/submission";

    public (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) NextWrite(long i)
    {
        UnitRun? unit = null;
        for (var tries = 0; tries < _units.Length && unit is null; tries++)
        {
            var candidate = _units[(Interlocked.Increment(ref _cursor) & int.MaxValue) % _units.Length];
            if (candidate.TryTake())
                unit = candidate;
        }
        if (unit is null)
        {
            Saves.Fail("every unit has a write in flight");
            return (Saves, null, null);
        }
        var step = unit.Step % (SavesPerCycle + 2);
        if (step < SavesPerCycle)
        {
            var item = unit.Items[step];
            var random = new Random(unchecked((int)i));
            var facts = item.Facts.ToDictionary(f => f.Key, f => Seeder.Value(f.Type, f.Columns, random));
            var explanation = $"截止日基准写入 {i}";
            return (Saves, Done(unit, ok => unit.Saved[item.ItemId] = explanation),
                Driver.Send(HttpMethod.Put, $"{SubmissionUrl(unit)}/items/{item.ItemId}", unit.Unit.Token, new { facts, explanation }));
        }
        var submit = step == SavesPerCycle;
        return (submit ? Submits : Withdrawals, Done(unit, _ => unit.Submitted = submit),
            Driver.Send(HttpMethod.Post, $"{SubmissionUrl(unit)}/{(submit ? "submit" : "withdraw")}", unit.Unit.Token, null));
    }

    private static Func<HttpResponseMessage?, bool, Task> Done(UnitRun unit, Action<bool> acknowledged) => (response, sent) =>
    {
        if (!sent)
        {
            // Never sent (too many in flight): nothing happened, and the same step goes next time.
            unit.Release();
            return Task.CompletedTask;
        }
        if (response is null)
            unit.Uncertain = true;
        else
            acknowledged(true);
        // The cycle moves on either way: a refused step is reported as an error, not retried.
        unit.Step++;
        unit.Release();
        return Task.CompletedTask;
    };

    public (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) NextRead(long i)
    {
        var pick = (int)(i % 100);
        if (pick < 85)
            return NextOwnReport(i);
        if (pick < 99)
            return NextMe(i);
        return NextOffice(i / 100);
    }

    /// <summary>Office staff reading the campaign list, the progress board or the campaign's reports (1 % of the reads), in turn.</summary>
    public (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) NextOffice(long i)
    {
        var office = _seeded.OfficeTokens[(int)(i % _seeded.OfficeTokens.Count)];
        var url = (i % 3) switch
        {
            0 => "/api/campaigns",
            1 => $"{_campaignUrl}/progress",
            _ => $"{_campaignUrl}/reports",
        };
        return (Office, null, Driver.Get(url, office));
    }

    private int _notModified;

    /// <summary>Own reports answered 304 so far (the liaison's copy was current).</summary>
    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>
    /// A liaison reading its own report (85 % of the reads), as a browser does: with the validator of the copy it holds, if any,
    /// and keeping the one answered (a 304 leaves the copy as it was).
    /// </summary>
    public (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) NextOwnReport(long i)
    {
        var unit = _units[(int)((i * 7919) % _units.Length)];
        var request = Driver.Get(SubmissionUrl(unit), unit.Unit.Token);
        if (unit.ReportETag is { } etag)
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return (OwnReport, (response, _) =>
        {
            if (response?.StatusCode == System.Net.HttpStatusCode.NotModified)
                Interlocked.Increment(ref _notModified);
            if (response?.Headers.ETag is { } answered)
                unit.ReportETag = answered.ToString();
            return Task.CompletedTask;
        }, request);
    }

    /// <summary>A liaison's own report without a validator: the whole view built, as after any change to it.</summary>
    public (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) NextOwnReportInFull(long i)
    {
        var unit = _units[(int)((i * 7919) % _units.Length)];
        return (OwnReport, null, Driver.Get(SubmissionUrl(unit), unit.Unit.Token));
    }

    /// <summary>A liaison asking who it is (14 % of the reads).</summary>
    public (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) NextMe(long i)
    {
        var unit = _units[(int)((i * 7919) % _units.Length)];
        return (Me, null, Driver.Get("/api/auth/me", unit.Unit.Token));
    }

    public IEnumerable<Series> All => [Saves, Submits, Withdrawals, OwnReport, Me, Office];

    public static ConcurrentBag<Task> NewInFlight() => [];
}
