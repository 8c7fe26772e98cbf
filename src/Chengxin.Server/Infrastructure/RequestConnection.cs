using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// One database connection for the whole of an API request, opened before the caller is authenticated and closed after the
/// answer. Left to itself EF Core opens and closes the connection around every statement: a request of a few statements took
/// the pooled connection as many times, and on PostgreSQL Npgsql sent its reset (seven statements of session cleanup) before
/// each of them.
/// </summary>
public static class RequestConnection
{
    public static IApplicationBuilder UseRequestConnection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var db = context.RequestServices.GetRequiredService<ChengxinDbContext>();
        await db.Database.OpenConnectionAsync(context.RequestAborted);
        try
        {
            await next(context);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });
}
