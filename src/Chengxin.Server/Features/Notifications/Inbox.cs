using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Notifications;

public sealed record InboxItemView(long Id, string Kind, string Title, string Body, string? LinkPath, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record InboxPage(int Total, int Unread, int Page, int PageSize, List<InboxItemView> Items);

public sealed record UnreadCount(int Count);

/// <summary>
/// The caller's own inbox: unread first, newest first within each; a count of the unread that the page header polls (one index
/// range on (UserId, ReadAt)); marking one or all read. Nobody reads another's inbox: every query is by the caller's id.
/// </summary>
public static class Inbox
{
    private const int MaxPageSize = 100;

    public static async Task<IResult> List(int? page, int? pageSize, ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
        var number = Math.Max(1, page ?? 1);
        var mine = Mine(db, scope);
        var total = await mine.CountAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var rows = await mine.OrderBy(n => n.ReadAt == null ? 0 : 1).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new InboxPage(total, unread, number, size, rows.Select(View).ToList()));
    }

    public static async Task<IResult> Unread(ChengxinDbContext db, AccessScope scope, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await Mine(db, scope).CountAsync(n => n.ReadAt == null, ct)));

    public static async Task<IResult> MarkRead(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var notice = await Mine(db, scope).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
            return ProblemResponses.NotFound("消息");
        // Reading twice is no conflict: the first reading time stays.
        if (notice.ReadAt is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await Mine(db, scope).Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            notice.ReadAt = now;
        }
        return TypedResults.Ok(View(notice));
    }

    public static async Task<IResult> MarkAllRead(ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await Mine(db, scope).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.Ok(new UnreadCount(0));
    }

    private static IQueryable<NotificationRecord> Mine(ChengxinDbContext db, AccessScope scope)
    {
        var userId = scope.UserId ?? Guid.Empty;
        return db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
    }

    private static InboxItemView View(NotificationRecord n) =>
        new(n.Id, n.Kind, n.Title, n.Body, n.LinkPath, BeijingTime.Local(n.CreatedAt), BeijingTime.Local(n.ReadAt));
}
