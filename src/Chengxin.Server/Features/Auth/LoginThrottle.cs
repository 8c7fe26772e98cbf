using System.Collections.Concurrent;

namespace Chengxin.Server.Features.Auth;

/// <summary>
/// Failed sign-ins counted per client and account. A client that keeps guessing one account's
/// password is refused (429) for a while, while the account's owner, signing in from elsewhere,
/// is not: nobody can lock a unit out by typing its user name wrong on purpose. Identity's own
/// lockout stays as the backstop against guessing from many clients, at a higher count.
/// Kept in memory per instance; the per-address rate limit caps what several instances allow.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<(string Client, string Account), (int Failures, DateTimeOffset First)> _failures = new();

    /// <summary>How long the client must wait before trying this account again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client, string account)
    {
        if (!_failures.TryGetValue((client, account), out var entry))
            return null;
        var elapsed = clock.GetUtcNow() - entry.First;
        if (elapsed >= Window)
        {
            _failures.TryRemove((client, account), out _);
            return null;
        }
        return entry.Failures >= MaxFailures ? Window - elapsed : null;
    }

    public void Failed(string client, string account)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate((client, account), (1, now),
            (_, e) => now - e.First >= Window ? (1, now) : (e.Failures + 1, e.First));
        if (_failures.Count > 100_000)
            Prune(now);
    }

    public void Succeeded(string client, string account) => _failures.TryRemove((client, account), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _failures)
        {
            if (now - entry.First >= Window)
                _failures.TryRemove(key, out _);
        }
    }
}
