using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chengxin.Server.Tests.Notifications;

/// <summary>
/// A webhook receiver on a free local port (HttpListener): it keeps every body it was sent, and answers with the statuses it is
/// told to, in turn, then 200 with the robots' {"errcode":0}.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/robot/send?access_token=test";
    /// <summary>The raw bodies received.</summary>
    public ConcurrentQueue<string> Raw { get; } = new();

    /// <summary>The text of each message received (the robots' text.content), decoded from its JSON.</summary>
    public IReadOnlyList<string> Bodies => Raw.Select(Content).ToList();

    private static string Content(string raw)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(raw);
            return json.RootElement.GetProperty("text").GetProperty("content").GetString() ?? "";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return raw;
        }
    }

    /// <summary>The next answers, in turn; after them every request is answered 200.</summary>
    public void AnswerNext(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
            _answers.Enqueue(status);
    }

    /// <summary>Answers 500 to every request from now on.</summary>
    public bool AlwaysFail { get; set; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                Raw.Enqueue(await reader.ReadToEndAsync());
            var status = AlwaysFail ? HttpStatusCode.InternalServerError : _answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            context.Response.StatusCode = (int)status;
            var answer = Encoding.UTF8.GetBytes(status == HttpStatusCode.OK ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "error");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>
/// Debian's SMTP sink (python3-aiosmtpd) on a free local port, storing what it receives in a maildir the test reads back.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    public int Port { get; }
    public string Folder { get; }

    /// <summary>What the sink logged (its SMTP session with -d).</summary>
    public string Log => string.Join("\n", _log);

    public static async Task<SmtpSink> StartAsync()
    {
        var port = WebhookReceiver.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "chengxin-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        // Not created here: the maildir handler makes its tmp/new/cur only when it creates the folder itself.
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-d", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start");
        var sink = new SmtpSink(process, port, folder);
        // Its session log, to say why a message was refused when one is.
        process.ErrorDataReceived += (_, e) => sink._log.Enqueue(e.Data ?? "");
        process.OutputDataReceived += (_, e) => sink._log.Enqueue(e.Data ?? "");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        // Ready when it accepts a connection; it takes a moment to import.
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill();
        throw new InvalidOperationException("the SMTP sink did not listen: " + sink.Log);
    }

    /// <summary>The messages received so far, parsed.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages()
    {
        var delivered = Path.Combine(Folder, "new");
        return Directory.Exists(delivered)
            ? Directory.GetFiles(delivered).Select(f => MimeKit.MimeMessage.Load(f)).ToList()
            : [];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still being written is left for the temp cleaner.
        }
    }
}
