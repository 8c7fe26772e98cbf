using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record ReminderView(long Id, string Number, long UnitId, string UnitName, string Title, string Content, string ExpectedResponse,
    DateTimeOffset? RespondBy, string SourceName, string IssuedByName, DateTimeOffset IssuedAt, bool IsAcknowledged, string? AcknowledgedByName,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgeNote, int Version);

public sealed record WarningView(long Id, long UnitId, string UnitName, RuleKind Kind, string KindName, string Reason, bool IsActive,
    DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, string? ClearedByName, string? ClearReason, int Version);

public sealed record OrderView(long Id, string Number, long UnitId, string UnitName, string Problem, string Requirement, DateTimeOffset Deadline,
    OrderState State, string StateName, bool IsOpen, int DaysRemaining, bool IsOverdue, string IssuedByName, DateTimeOffset IssuedAt, int Version);

/// <summary>
/// What the follow-up use cases share: the next number of a series (per office and year, without gaps under concurrency), the
/// Beijing year and day, and the views.
/// </summary>
internal static class FollowUpContext
{
    private const int Attempts = 5;

    public static int Year(DateTimeOffset now) => BeijingTime.Local(now).Year;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(BeijingTime.Local(now).DateTime);

    /// <summary>
    /// Numbers the new rows after the highest number of the year and saves them with whatever else is tracked, in one
    /// transaction that holds the office's numbering lock on PostgreSQL (a transaction-scoped advisory lock), so two racing
    /// issues take consecutive numbers: no gaps, no duplicates. SQLite has one writer; a racing issue that finds it taken
    /// (busy) reads the highest number again and saves again. The numbers are the whole office's, whatever part of it the
    /// caller sees.
    /// </summary>
    public static async Task SaveNumberedAsync<T>(ChengxinDbContext db, long tenantId, IReadOnlyList<T> rows,
        Func<CancellationToken, Task<int?>> highestOfYear, Action<T, int> assign, CancellationToken ct)
    {
        var mayRetry = db.Database.CurrentTransaction is null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(7247, {(int)tenantId})", ct);
                var highest = await highestOfYear(ct) ?? 0;
                for (var i = 0; i < rows.Count; i++)
                    assign(rows[i], highest + 1 + i);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return;
            }
            catch (Exception e) when (mayRetry && attempt < Attempts && DatabaseConflicts.IsConflict(e))
            {
                // The transaction was rolled back; the audit events its save appended go with it and are written again.
                foreach (var audit in db.ChangeTracker.Entries<AuditEvent>().Where(a => a.State == EntityState.Added).ToList())
                    audit.State = EntityState.Detached;
            }
        }
    }

    public static Func<CancellationToken, Task<int?>> ReminderSeries(ChengxinDbContext db, long tenantId, int year) => ct =>
        db.WorkReminders.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).Where(r => r.TenantId == tenantId && r.Year == year)
            .MaxAsync(r => (int?)r.Sequence, ct);

    public static Func<CancellationToken, Task<int?>> OrderSeries(ChengxinDbContext db, long tenantId, int year) => ct =>
        db.SupervisionOrders.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).Where(o => o.TenantId == tenantId && o.Year == year)
            .MaxAsync(o => (int?)o.Sequence, ct);

    public static Task<Dictionary<long, string>> UnitNamesAsync(ChengxinDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.Units.AsNoTracking().IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).Where(u => list.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public static ReminderView View(WorkReminder r, string unitName) =>
        new(r.Id, SupervisionOrders.ReminderNumber(r.Year, r.Sequence), r.UnitId, unitName, r.Title, r.Content, r.ExpectedResponse,
            BeijingTime.Local(r.RespondBy), r.InstructionId is not null ? "领导批示" : r.CauseKey is not null ? "规则触发" : "人工下发", r.IssuedByName,
            BeijingTime.Local(r.IssuedAt), r.AcknowledgedAt is not null, r.AcknowledgedByName, BeijingTime.Local(r.AcknowledgedAt), r.AcknowledgeNote,
            r.Version);

    public static WarningView View(FollowUpWarning w, string unitName) =>
        new(w.Id, w.UnitId, unitName, w.Kind, FollowUpRules.KindName(w.Kind), w.Reason, w.ClearedAt is null, BeijingTime.Local(w.RaisedAt),
            BeijingTime.Local(w.ClearedAt), w.ClearedByName, w.ClearReason, w.Version);

    public static OrderView View(SupervisionOrder o, string unitName, DateTimeOffset now) =>
        new(o.Id, SupervisionOrders.Number(o.Year, o.Sequence), o.UnitId, unitName, o.Problem, o.Requirement, BeijingTime.Local(o.Deadline),
            o.State, SupervisionOrders.StateName(o.State), SupervisionOrders.IsOpen(o.State),
            SupervisionOrders.DaysRemaining(Today(now), DateOnly.FromDateTime(BeijingTime.Local(o.Deadline).DateTime)),
            SupervisionOrders.IsOverdue(o.State, BeijingTime.Utc(o.Deadline), now), o.IssuedByName, BeijingTime.Local(o.IssuedAt), o.Version);

    /// <summary>The order the caller may see, or null (a 404 before anything is looked at or written).</summary>
    public static Task<SupervisionOrder?> FindOrderAsync(ChengxinDbContext db, long id, CancellationToken ct) =>
        db.SupervisionOrders.FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>Refuses a transition from a stale read: the caller sends the version it read; of two racing callers one wins.</summary>
    public static void CheckVersion(int stored, int expected)
    {
        if (stored != expected)
            throw new Domain.DomainRuleException(DatabaseConflicts.Message);
    }
}
