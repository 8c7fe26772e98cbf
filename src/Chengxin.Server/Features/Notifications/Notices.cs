using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Notifications;

/// <summary>
/// What a user is told. <paramref name="Kind"/> is a stable word for the cause family ("returned", "reminder", "warning",
/// "supervision" …); <paramref name="CauseKey"/> names the cause itself: the same cause never notifies the same user twice
/// (unique per office, user and cause key), so a rule may post again without counting what it posted before.
/// </summary>
public sealed record Notice(string Kind, string Title, string Body, string? LinkPath, string CauseKey);

/// <summary>
/// Posts notices: an inbox row per user and, for each of the office's enabled outbound channels, an outbox row (an e-mail per
/// user with an address; one group message per cause for a webhook). Nothing is saved here: the caller's SaveChanges commits the
/// notices with the action that caused them (a transactional outbox), and the dispatcher sends later, so a failing channel never
/// blocks or fails that action. The recipients' office is taken from their accounts, so scheduled work outside a request may
/// post too.
/// </summary>
public static class Notices
{
    public static async Task PostAsync(ChengxinDbContext db, IReadOnlyCollection<Guid> userIds, Notice notice, CancellationToken ct)
    {
        if (userIds.Count == 0)
            return;
        var ids = userIds.Distinct().ToList();
        // The caller decided who is told; the caller's own unit scope (a liaison telling the office) must not hide them.
        var recipients = await Recipients(db).Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        await AddAsync(db, recipients, notice, ct);
    }

    /// <summary>Tells the unit's active liaisons.</summary>
    public static async Task PostToUnitAsync(ChengxinDbContext db, long unitId, Notice notice, CancellationToken ct)
    {
        var recipients = await Recipients(db).Where(u => u.UnitId == unitId && u.Role == Roles.Liaison).ToListAsync(ct);
        await AddAsync(db, recipients, notice, ct);
    }

    /// <summary>Tells the active liaisons of every unit of a campaign (results published, a campaign-wide reminder).</summary>
    public static async Task PostToCampaignUnitsAsync(ChengxinDbContext db, long campaignId, Notice notice, CancellationToken ct)
    {
        var units = db.CampaignUnits.Where(cu => cu.CampaignId == campaignId).Select(cu => cu.UnitId);
        var recipients = await Recipients(db).Where(u => u.Role == Roles.Liaison && units.Contains(u.UnitId)).ToListAsync(ct);
        await AddAsync(db, recipients, notice, ct);
    }

    /// <summary>
    /// Tells the office admins whose scope takes in the unit: a notice names its unit, and an admin of one county does not learn
    /// of another county's units (the unit scope, as the query filter would answer it).
    /// </summary>
    public static async Task PostToOfficeAboutUnitAsync(ChengxinDbContext db, long unitId, Notice notice, CancellationToken ct) =>
        await AddAsync(db, await AdminsCoveringAsync(db, [unitId], except: null, ct), notice, ct);

    /// <summary>
    /// Tells the caller's other admins who reach the campaign (one of its units in their scope): a publication waits for a second
    /// admin's approval.
    /// </summary>
    public static async Task PostToOtherAdminsOfCampaignAsync(ChengxinDbContext db, long campaignId, Notice notice, CancellationToken ct)
    {
        var units = await db.CampaignUnits.Where(cu => cu.CampaignId == campaignId).Select(cu => cu.UnitId).ToListAsync(ct);
        await AddAsync(db, await AdminsCoveringAsync(db, units, db.Scope.UserId, ct), notice, ct);
    }

    private static async Task<List<AppUser>> AdminsCoveringAsync(ChengxinDbContext db, IReadOnlyCollection<long> unitIds, Guid? except,
        CancellationToken ct)
    {
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.TenantId, u.Path }).ToListAsync(ct);
        if (units.Count == 0)
            return [];
        var tenantId = units[0].TenantId;
        // Only an admin whose scope starts at one of the units or above them can cover them: those ids are in the units' paths
        // ("/1/5/9/"), so a province's hundreds of county admins are not read for every unit's submission.
        var above = units.SelectMany(u => u.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            .Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var admins = await Recipients(db).Where(u => u.TenantId == tenantId && u.Role == Roles.OfficeAdmin && u.Id != except
            && above.Contains(u.ScopeUnitId ?? u.UnitId)).ToListAsync(ct);
        var roots = admins.Select(a => a.ScopeUnitId ?? a.UnitId).Distinct().ToList();
        var rootPaths = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => roots.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        return admins.Where(a => rootPaths.TryGetValue(a.ScopeUnitId ?? a.UnitId, out var root) && units.Any(u => a.ScopeKind switch
        {
            ScopeKind.Subtree => VisibleUnits.Subtree(root).Matches(u.Path),
            ScopeKind.OwnUnit => VisibleUnits.Own(root).Matches(u.Path),
            _ => false,
        })).ToList();
    }

    /// <summary>Tells the active office admins of the caller's office.</summary>
    public static Task PostToOfficeAsync(ChengxinDbContext db, Notice notice, CancellationToken ct) =>
        PostToOfficeAsync(db, db.Scope.TenantId, notice, ct);

    /// <summary>Tells the active office admins of an office named by id (scheduled work, which has no caller).</summary>
    public static async Task PostToOfficeAsync(ChengxinDbContext db, long tenantId, Notice notice, CancellationToken ct)
    {
        var recipients = await Recipients(db).Where(u => u.TenantId == tenantId && u.Role == Roles.OfficeAdmin).ToListAsync(ct);
        await AddAsync(db, recipients, notice, ct);
    }

    private static IQueryable<AppUser> Recipients(ChengxinDbContext db) =>
        db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.IsActive);

    private static async Task AddAsync(ChengxinDbContext db, IReadOnlyList<AppUser> recipients, Notice notice, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var office in recipients.GroupBy(u => u.TenantId))
        {
            var tenantId = office.Key;
            var userIds = office.Select(u => u.Id).ToList();
            var told = (await db.Notifications.IgnoreQueryFilters().AsNoTracking()
                    .Where(n => n.TenantId == tenantId && n.CauseKey == notice.CauseKey && userIds.Contains(n.UserId))
                    .Select(n => n.UserId).ToListAsync(ct))
                .Concat(db.Notifications.Local.Where(n => n.TenantId == tenantId && n.CauseKey == notice.CauseKey).Select(n => n.UserId))
                .ToHashSet();
            var fresh = office.Where(u => !told.Contains(u.Id)).ToList();
            if (fresh.Count == 0)
                continue;
            foreach (var user in fresh)
            {
                db.Notifications.Add(new NotificationRecord
                {
                    TenantId = tenantId, UserId = user.Id, Kind = notice.Kind, Title = Clip(notice.Title, 200), Body = Clip(notice.Body, 2000),
                    LinkPath = notice.LinkPath, CauseKey = notice.CauseKey, CreatedAt = now,
                });
            }
            await QueueOutboundAsync(db, tenantId, fresh, notice, now, ct);
        }
    }

    private static async Task QueueOutboundAsync(ChengxinDbContext db, long tenantId, IReadOnlyList<AppUser> users, Notice notice, DateTime now,
        CancellationToken ct)
    {
        var channels = await db.NotificationChannels.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.IsEnabled).ToListAsync(ct);
        if (channels.Count == 0)
            return;
        var messages = new List<OutboxMessage>();
        foreach (var channel in channels)
        {
            if (channel.Kind == ChannelKinds.Webhook)
            {
                // A group robot posts to a group: one message per cause, however many of its members are told.
                messages.Add(Message(tenantId, channel.Id, $"{channel.Id}:{notice.CauseKey}", null, null, notice, now));
                continue;
            }
            foreach (var user in users.Where(u => !string.IsNullOrWhiteSpace(u.Email)))
                messages.Add(Message(tenantId, channel.Id, $"{channel.Id}:{user.Id:N}:{notice.CauseKey}", user.Email, user.DisplayName, notice, now));
        }
        var keys = messages.Select(m => m.IdempotencyKey).ToList();
        var queued = (await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey))
                .Select(m => m.IdempotencyKey).ToListAsync(ct))
            .Concat(db.OutboxMessages.Local.Select(m => m.IdempotencyKey))
            .ToHashSet(StringComparer.Ordinal);
        db.OutboxMessages.AddRange(messages.Where(m => !queued.Contains(m.IdempotencyKey)));
    }

    private static OutboxMessage Message(long tenantId, long channelId, string key, string? recipient, string? recipientName, Notice notice,
        DateTime now) => new()
    {
        TenantId = tenantId, ChannelId = channelId, IdempotencyKey = Clip(key, 300), Recipient = recipient, RecipientName = recipientName,
        Subject = Clip(notice.Title, 200), Body = Clip(notice.Body, 4000), State = OutboxState.Pending, NextAttemptAt = now, CreatedAt = now,
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
