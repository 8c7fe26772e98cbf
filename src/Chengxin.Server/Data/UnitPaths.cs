using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Chengxin.Server.Data;

/// <summary>
/// Keeps <see cref="Unit.Path"/> right whoever saves a unit (the unit pages, the import, the command line, the demo): a new
/// unit's path is its parent's plus its own id, known once the row is written; a unit given a new parent has its whole
/// subtree's paths rewritten in one statement. Runs inside the save's transaction, so a path never disagrees with the
/// parents for anyone else.
/// </summary>
internal sealed class UnitPaths
{
    private readonly List<Unit> _added;
    private readonly List<(Unit Unit, string OldPath)> _moved;

    private UnitPaths(List<Unit> added, List<(Unit, string)> moved)
    {
        _added = added;
        _moved = moved;
    }

    public bool IsEmpty => _added.Count == 0 && _moved.Count == 0;

    /// <summary>Notes, before the save, which units are new and which change parent.</summary>
    public static UnitPaths Pending(ChangeTracker tracker)
    {
        var entries = tracker.Entries<Unit>().ToList();
        return new UnitPaths(
            entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList(),
            entries.Where(e => e.State == EntityState.Modified && !Equals(e.Property(u => u.ParentId).OriginalValue, e.Entity.ParentId))
                .Select(e => (e.Entity, e.Property(u => u.Path).OriginalValue)).ToList());
    }

    /// <summary>
    /// After the rows are written: sets the new units' paths (written by the save that follows) and rewrites moved subtrees.
    /// </summary>
    public async Task ApplyAsync(ChengxinDbContext db, CancellationToken ct)
    {
        await SetNewPathsAsync(db, ct);
        foreach (var (unit, oldPath) in _moved)
            await MoveAsync(db, unit, oldPath, ct);
    }

    private async Task SetNewPathsAsync(ChengxinDbContext db, CancellationToken ct)
    {
        var waiting = _added.ToList();
        var addedIds = waiting.Select(u => u.Id).ToHashSet();
        var savedParents = waiting.Where(u => u.ParentId is { } p && !addedIds.Contains(p)).Select(u => u.ParentId!.Value).Distinct().ToList();
        // Paths are the office's tree, not the caller's view of it: a parent outside the caller's scope still has one.
        // Every audited save passes here: most add no unit, and then there is no parent's path to read.
        var paths = savedParents.Count == 0 ? [] : await db.Units.IgnoreQueryFilters().Where(u => savedParents.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        while (waiting.Count > 0)
        {
            // Parents first: a file of units may bring a parent and its children in one save.
            var ready = waiting.Where(u => u.ParentId is not { } p || paths.ContainsKey(p)).ToList();
            if (ready.Count == 0)
                throw new InvalidOperationException("新单位的上级单位缺少路径，无法确定其位置。");
            foreach (var unit in ready)
            {
                unit.Path = PathOf(unit.ParentId is { } p ? paths[p] : null, unit.Id);
                paths[unit.Id] = unit.Path;
                waiting.Remove(unit);
            }
        }
    }

    private static async Task MoveAsync(ChengxinDbContext db, Unit unit, string oldPath, CancellationToken ct)
    {
        var parentPath = unit.ParentId is { } parentId
            ? await db.Units.IgnoreQueryFilters().Where(u => u.Id == parentId).Select(u => u.Path).SingleAsync(ct)
            : null;
        var newPath = PathOf(parentPath, unit.Id);
        // The unit and everything below it, in one statement: only the prefix changes.
        await db.Units.IgnoreQueryFilters()
            .Where(u => u.Path.StartsWith(oldPath))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Path, u => newPath + u.Path.Substring(oldPath.Length)), ct);
        // Units this context holds follow, so that the save that follows does not write the old paths back.
        foreach (var entry in db.ChangeTracker.Entries<Unit>().Where(e => e.Entity.Path.StartsWith(oldPath, StringComparison.Ordinal)).ToList())
        {
            var path = newPath + entry.Entity.Path[oldPath.Length..];
            entry.Entity.Path = path;
            entry.Property(u => u.Path).OriginalValue = path;
        }
    }

    /// <summary>The path of unit <paramref name="id"/> under a parent with <paramref name="parentPath"/> (null for a root).</summary>
    public static string PathOf(string? parentPath, long id) => $"{parentPath ?? "/"}{id}/";
}
