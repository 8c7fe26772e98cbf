using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Chengxin.Server.Infrastructure;

/// <summary>An upload that cannot be used as sent (not a workbook, a bomb, a DTD): answered 400 on "file" with the reason.</summary>
public sealed class UnusableUploadException(string reason) : Exception(reason);

/// <summary>A request body over its route's limit: answered 413, the same words whichever layer noticed.</summary>
public sealed class UploadTooLargeException(long maxBytes) : Exception($"上传内容超过 {maxBytes} 字节的上限。")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>
/// Reading uploaded bodies within their limit, and the file names that come with them. One place, so an oversize
/// body gets the same 413 on every upload route whether the server (Kestrel) or the handler noticed it first.
/// </summary>
public static class Uploads
{
    /// <summary>
    /// The body, refused with <see cref="UploadTooLargeException"/> when over <paramref name="maxBytes"/>: at once when the
    /// declared length says so, else after at most one chunk past the limit, so memory never holds more than that.
    /// Kestrel's own body limit (about 28.6 MB unless configured) is lifted for this request: this read is the bound, and
    /// once the 413 is written Kestrel drains what the client still sends (for at most five seconds) instead of refusing
    /// it, which would reset the connection under a client still uploading, so that it never saw the 413 (issue 11).
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        if (request.ContentLength > maxBytes)
            throw new UploadTooLargeException(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                    throw new UploadTooLargeException(maxBytes);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UploadTooLargeException(maxBytes);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A JSON request declaring more than the server takes (Kestrel's limit, 30,000,000 bytes unless configured) is answered
    /// 413 before anything reads it, and Kestrel is left to drain the rest: refused in the middle of binding, the connection
    /// was reset under a client still sending, which then saw no answer at all. Upload routes judge their own limit.
    /// </summary>
    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var limit = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var accepts = ctx.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? [];
        var isUpload = accepts.Count > 0 && !accepts.Contains("application/json");
        if (!isUpload && limit is { IsReadOnly: false, MaxRequestBodySize: { } max } && ctx.Request.ContentLength > max)
        {
            limit.MaxRequestBodySize = null;
            ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails = { Status = 413, Title = "上传内容过大", Detail = $"请求内容超过 {Megabytes(max)} MB 的上限。" },
            });
            return;
        }
        await next(ctx);
    });

    /// <summary>The one 413 of the platform's uploads.</summary>
    public static ProblemDetails TooLarge(long maxBytes) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "上传内容过大",
        Detail = $"文件超过 {Megabytes(maxBytes)} MB 的上限，请压缩或拆分后再上传。",
    };

    private static string Megabytes(long bytes) =>
        (bytes / (1024m * 1024m)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// The name a file is stored and later downloaded under. A name arrives from a query string and goes out in a
    /// Content-Disposition header and onto a reviewer's disk, so: only its last path part (either slash), no leading
    /// or trailing dots and spaces (Windows drops trailing ones, so "evil.html." would open as HTML), characters that
    /// Windows forbids in names replaced. Names with control characters (CR/LF, NUL, direction overrides) are refused
    /// rather than guessed at; so is a name that is empty once cleaned. Null when refused, the reason on "fileName".
    /// </summary>
    public static string? FileName(string? raw, Validation validation)
    {
        const string field = "fileName";
        if (string.IsNullOrWhiteSpace(raw))
        {
            validation.Add(field, "文件名不能为空。");
            return null;
        }
        if (raw.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            validation.Add(field, "文件名不能包含换行、NUL 等控制字符或方向控制符。");
            return null;
        }
        var name = raw.Normalize(NormalizationForm.FormC);
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = new string(name.Select(c => "<>:\"|?*".Contains(c) ? '_' : c).ToArray()).Trim(' ', '.', '\u3000');
        if (name.Length == 0)
        {
            validation.Add(field, $"文件名「{raw.Trim()}」去掉路径和首尾的点、空格后为空，请改用正常的文件名。");
            return null;
        }
        if (name.Length > 255)
        {
            validation.Add(field, "文件名不能超过 255 个字符。");
            return null;
        }
        return name;
    }

    /// <summary>
    /// A web address that is safe to store and show as a link: http or https with a host, no user name or password in it
    /// (https://user:pass@… shows one host and visits another, and leaks the password to every reader), no whitespace or
    /// control characters (CR/LF would split a header or a log line). The reason on "url" when not.
    /// </summary>
    public static bool IsSafeLink(string url, Validation validation)
    {
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
            validation.Add("url", "链接地址不能包含空格、换行或其他控制字符。");
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            validation.Add("url", $"链接地址「{url}」无效：只接受以 http:// 或 https:// 开头的完整网址。");
        else if (uri.UserInfo.Length > 0)
            validation.Add("url", "链接地址不能包含用户名或密码（形如 user:pass@）。");
        else
            return true;
        return false;
    }
}
