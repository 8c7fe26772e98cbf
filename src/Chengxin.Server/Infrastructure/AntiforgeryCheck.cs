using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// A browser sends the session cookie with any request a foreign page makes it send; so a
/// state-changing request that is authenticated by the cookie must also carry the antiforgery
/// token from <c>GET /api/auth/antiforgery</c> in the <c>X-XSRF-TOKEN</c> header. Bearer-token
/// requests are exempt: a browser never attaches those on its own.
/// </summary>
public sealed class AntiforgeryCheck(RequestDelegate next)
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme)
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 400, Title = "防伪令牌无效", Detail = $"请先获取防伪令牌，并在 {HeaderName} 请求头中发送。" },
                });
                return;
            }
        }
        await next(context);
    }
}
