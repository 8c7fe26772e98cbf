using System.Diagnostics;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// Every statement EF Core executes while this is alive, and every opening and closing of a context's connection, with whose
/// request ran it, so that a test counts what one caller's request cost among other tests' traffic in the same process: the
/// request's scope (filled in later for a statement run while authenticating, before the scope is set) and the role and unit it
/// had when the statement ran.
/// </summary>
internal sealed class ExecutedStatements : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public sealed record Statement(AccessScope Scope, string? RoleWhenRun, long? UnitIdWhenRun, string Text, string? Provider = null);

    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private readonly Lock _lock = new();
    private readonly List<Statement> _statements = [];
    private readonly List<(AccessScope Scope, string? Provider, bool Opened)> _connections = [];

    public ExecutedStatements() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The texts of the statements run for callers that <paramref name="whose"/> accepts, in the order they ran.</summary>
    public List<string> Of(Func<Statement, bool> whose)
    {
        lock (_lock)
            return _statements.Where(whose).Select(s => s.Text).ToList();
    }

    /// <summary>
    /// How many times a context's connection to the database of <paramref name="provider"/> was opened, and closed, for callers that
    /// <paramref name="whose"/> accepts (the provider tells apart the same test running on both, whose units have the same ids).
    /// </summary>
    public (int Opened, int Closed) ConnectionsOf(string provider, Func<AccessScope, bool> whose)
    {
        lock (_lock)
        {
            var ours = _connections.Where(c => c.Provider == provider && whose(c.Scope)).ToList();
            return (ours.Count(c => c.Opened), ours.Count(c => !c.Opened));
        }
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_lock)
                _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData { Context: ChengxinDbContext { Scope: var scope } db } executed)
            lock (_lock)
                _statements.Add(new(scope, scope.Role, scope.UnitId, executed.Command.CommandText, db.Database.ProviderName));
        else if ((value.Key == RelationalEventId.ConnectionOpened.Name || value.Key == RelationalEventId.ConnectionClosed.Name)
            && value.Value is ConnectionEndEventData { Context: ChengxinDbContext { Scope: var connectionScope } context })
            lock (_lock)
                _connections.Add((connectionScope, context.Database.ProviderName, value.Key == RelationalEventId.ConnectionOpened.Name));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_lock)
            foreach (var listener in _listeners)
                listener.Dispose();
    }
}
