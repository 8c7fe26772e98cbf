using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Server.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;

namespace Chengxin.Server.Features.Notifications;

/// <summary>A delivery that did not go through, with its reason in Chinese for the office (never a stack trace).</summary>
public sealed class DeliveryException(string message) : Exception(message);

/// <summary>
/// Sends one message through one channel: e-mail over SMTP (MailKit), or the text message WeCom and DingTalk group robots take
/// ({"msgtype":"text","text":{"content":"…"}}), signed the DingTalk way when the channel has a secret. Secrets are kept protected
/// by ASP.NET Data Protection and unprotected only here, for the moment of sending.
/// </summary>
public sealed class ChannelSenders(IHttpClientFactory http, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string HttpClientName = "notification-webhook";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IDataProtector Protector => protection.CreateProtector("Chengxin.Notifications.ChannelSecret");

    public string Protect(string secret) => Protector.Protect(secret);

    public async Task SendAsync(NotificationChannel channel, string? recipient, string? recipientName, string subject, string body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            if (channel.Kind == ChannelKinds.Webhook)
                await SendWebhookAsync(channel, subject, body, timeout.Token);
            else
                await SendEmailAsync(channel, recipient, recipientName, subject, body, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DeliveryException("发送超时（15 秒内未完成）。");
        }
    }

    private async Task SendEmailAsync(NotificationChannel channel, string? recipient, string? recipientName, string subject, string body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(recipient))
            throw new DeliveryException("收件人没有电子邮箱地址。");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(channel.Name, channel.SenderAddress ?? ""));
        message.To.Add(new MailboxAddress(recipientName ?? "", recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        var security = channel.SmtpSecurity switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(channel.SmtpHost ?? "", channel.SmtpPort ?? 25, security, ct);
            if (!string.IsNullOrEmpty(channel.SmtpUserName))
                await client.AuthenticateAsync(channel.SmtpUserName, Secret(channel) ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or SslHandshakeException)
        {
            throw new DeliveryException($"无法连接邮件服务器 {channel.SmtpHost}:{channel.SmtpPort}。");
        }
        catch (MailKit.Security.AuthenticationException)
        {
            throw new DeliveryException("邮件服务器拒绝了用户名或密码。");
        }
        catch (SmtpCommandException e)
        {
            throw new DeliveryException($"邮件服务器拒收（状态码 {(int)e.StatusCode}）。");
        }
        catch (SmtpProtocolException)
        {
            throw new DeliveryException("邮件服务器的应答不合协议。");
        }
        catch (NotSupportedException)
        {
            throw new DeliveryException("邮件服务器不支持所选的加密方式或登录方式。");
        }
    }

    private async Task SendWebhookAsync(NotificationChannel channel, string subject, string body, CancellationToken ct)
    {
        // A DingTalk robot with a keyword refuses a message that lacks it, so the keyword leads.
        var content = $"{(string.IsNullOrWhiteSpace(channel.WebhookKeyword) ? "" : channel.WebhookKeyword + " ")}{subject}\n{body}";
        var payload = new { msgtype = "text", text = new { content } };
        var url = channel.WebhookUrl ?? "";
        if (Secret(channel) is { Length: > 0 } secret)
            url = Signed(url, secret, clock.GetUtcNow().ToUnixTimeMilliseconds());
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(HttpClientName).PostAsJsonAsync(url, payload, ct);
        }
        catch (HttpRequestException)
        {
            throw new DeliveryException("无法连接接收地址。");
        }
        catch (InvalidOperationException)
        {
            throw new DeliveryException("接收地址无效。");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new DeliveryException($"接收地址返回错误（HTTP {(int)response.StatusCode}）。");
            // The robots answer 200 with an error code in the body when they refuse (a wrong keyword, a bad signature).
            var text = await response.Content.ReadAsStringAsync(ct);
            if (ErrorCode(text) is { } code and not 0)
                throw new DeliveryException($"群机器人拒收（错误码 {code}）。");
        }
    }

    /// <summary>DingTalk's signature: HMAC-SHA256 over "timestamp\nsecret" keyed by the secret, Base64, URL-encoded.</summary>
    public static string Signed(string url, string secret, long timestampMs)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestampMs}\n{secret}"));
        var sign = Uri.EscapeDataString(Convert.ToBase64String(hash));
        return $"{url}{(url.Contains('?') ? '&' : '?')}timestamp={timestampMs}&sign={sign}";
    }

    private static long? ErrorCode(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errcode", out var code)
                && code.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string? Secret(NotificationChannel channel)
    {
        if (string.IsNullOrEmpty(channel.ProtectedSecret))
            return null;
        try
        {
            return Protector.Unprotect(channel.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            throw new DeliveryException("通道密码无法解密（密钥已更换），请重新填写密码。");
        }
    }
}
