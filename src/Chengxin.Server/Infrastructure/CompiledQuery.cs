using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// A query compiled once per model (<c>EF.CompileAsyncQuery</c>) for the hot paths, where translating the LINQ on every request
/// costs more than the statement. EF Core binds a compiled query to the first model it runs on and refuses any other, and one
/// process may hold several (the tests run a SQLite and a PostgreSQL server side by side), so each model gets its own.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    // Weak: a model that is dropped (a test's server disposed) takes its compiled query with it.
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
