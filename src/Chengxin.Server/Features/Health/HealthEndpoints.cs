using Chengxin.Server.Data;

namespace Chengxin.Server.Features.Health;

public static class HealthEndpoints
{
    public sealed record HealthResponse(string Status, string Database);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Migrations run before the server listens, so answering at all means the schema is ready;
        // the database round trip tells a load balancer the instance can actually serve.
        app.MapGet("/health", async Task<IResult> (ChengxinDbContext db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? TypedResults.Ok(new HealthResponse("ok", db.Database.ProviderName ?? ""))
                    : TypedResults.Problem(title: "数据库不可用", statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithName("Health")
            .WithSummary("就绪检查 (readiness)")
            .Produces<HealthResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();
    }
}
