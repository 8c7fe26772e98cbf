using Chengxin.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Chengxin.Server.Infrastructure;

/// <summary>Every error leaves the server as ProblemDetails; this is the one place that decides how.</summary>
public static class ProblemResponses
{
    public static void AddChengxinProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // A query or route value minimal APIs could not bind leaves a bare 400 naming nothing: say which value, by its label.
            if (ctx.ProblemDetails is { Status: StatusCodes.Status400BadRequest, Detail: null } and not HttpValidationProblemDetails
                && BindingProblems.Describe(ctx.HttpContext) is { } binding)
            {
                ctx.ProblemDetails.Title = "请求数据有误";
                ctx.ProblemDetails.Detail = binding;
            }
            // The framework's own titles are English; ours are already Chinese and stay.
            if (ctx.ProblemDetails.Title is null || ctx.ProblemDetails.Title.All(char.IsAscii))
            {
                ctx.ProblemDetails.Title = ctx.ProblemDetails.Status switch
                {
                    StatusCodes.Status400BadRequest => "请求无效",
                    StatusCodes.Status401Unauthorized => "未登录或登录已失效",
                    StatusCodes.Status403Forbidden => "无权访问",
                    StatusCodes.Status404NotFound => "未找到",
                    StatusCodes.Status405MethodNotAllowed => "不支持的请求方法",
                    StatusCodes.Status409Conflict => "违反业务规则",
                    StatusCodes.Status413PayloadTooLarge => "上传内容过大",
                    StatusCodes.Status415UnsupportedMediaType => "不支持的内容类型",
                    StatusCodes.Status429TooManyRequests => "请求过于频繁",
                    _ => "服务器错误",
                };
            }
        });
        services.AddExceptionHandler<CallerExceptionHandler>();
    }

    /// <summary>The errors any API endpoint can answer with, all as ProblemDetails, for the OpenAPI document.</summary>
    public static RouteGroupBuilder WithStandardProblems(this RouteGroupBuilder group)
    {
        group.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>A 409 whose detail is the rule's own Chinese message.</summary>
    public static IResult Conflict(string message) =>
        TypedResults.Problem(title: "违反业务规则", detail: message, statusCode: StatusCodes.Status409Conflict);

    public static IResult NotFound(string what) =>
        TypedResults.Problem(title: "未找到", detail: $"{what}不存在或不在您的权限范围内。", statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// The exceptions that are the caller's doing, each to its status: a broken domain rule and a write that lost a race to
    /// another request (see <see cref="DatabaseConflicts"/>) 409 (the request changed nothing), an unusable upload 400 on
    /// "file", a body over its limit 413 (Kestrel's own refusal included, which would otherwise end as a 500).
    /// </summary>
    private sealed class CallerExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            ProblemDetails? problem = exception switch
            {
                DomainRuleException rule => new ProblemDetails { Status = 409, Title = "违反业务规则", Detail = rule.Message },
                _ when DatabaseConflicts.IsConflict(exception) => new ProblemDetails { Status = 409, Title = "操作冲突", Detail = DatabaseConflicts.Message },
                UnusableUploadException upload => new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [upload.Message] })
                {
                    Status = 400, Title = "请求数据有误",
                },
                UploadTooLargeException tooLarge => Uploads.TooLarge(tooLarge.MaxBytes),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    Uploads.TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0),
                // Where the framework throws on a value it cannot bind (in Development), the answer names it as elsewhere.
                BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } when BindingProblems.Describe(context) is { } binding =>
                    new ProblemDetails { Status = 400, Title = "请求数据有误", Detail = binding },
                BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Detail = "请求格式无效。" },
                _ => null,
            };
            if (problem is null)
                return false;
            context.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
        }
    }
}
