using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Tokens;

public static class TokenEndpoints
{
    public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

    public sealed record TokenResponse(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt);

    /// <summary>The only time the token itself is shown.</summary>
    public sealed record CreatedTokenResponse(TokenResponse Token, string Secret);

    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Tokens").RequireAuthorization(TokenPermissions.Manage).WithStandardProblems();
        group.MapGet("/", List).WithName("ListTokens").WithSummary("本人的接口令牌").Produces<List<TokenResponse>>();
        group.MapPost("/", Create).WithName("CreateToken").WithSummary("创建接口令牌 (for machine clients; shown once)").Produces<CreatedTokenResponse>(StatusCodes.Status201Created);
        group.MapDelete("/{id:long}", Revoke).WithName("RevokeToken").WithSummary("吊销接口令牌").Produces(StatusCodes.Status204NoContent);
    }

    private static TokenResponse Map(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt);

    private static async Task<IResult> List(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.Where(t => t.UserId == scope.UserId).OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(tokens.Select(Map).ToList());
    }

    private static async Task<IResult> Create(CreateTokenRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("name", request.Name, "令牌名称", 100)
            .Check(request.ExpiresInDays is null or (>= 1 and <= 3650), "expiresInDays", "有效天数须在 1 到 3650 之间。");
        if (!validation.IsValid)
            return validation.Problem();
        var secret = ApiTokenDefaults.NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            TenantId = scope.TenantId,
            UserId = scope.UserId!.Value,
            Name = request.Name!.Trim(),
            TokenHash = ApiTokenDefaults.Hash(secret),
            Prefix = secret[..10],
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedTokenResponse(Map(token), secret));
    }

    private static async Task<IResult> Revoke(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == scope.UserId, ct);
        if (token is null)
            return ProblemResponses.NotFound("令牌");
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
