using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server;

/// <summary>
/// What the server's command line asked for: the verb (serve, demo, admin create, audit verify, audit checkpoint), the verb's
/// own options, and the host's settings (--Chengxin:AllowHttp=true and the like) passed on to ASP.NET Core as they came.
/// <see cref="ExitCode"/> is set when help or a wrong command line ended the run before anything started.
/// </summary>
public sealed class ServerCommand
{
    public required string Verb { get; init; }
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<(string Key, string Value)> HostSettings { get; init; } = [];
    public int? ExitCode { get; init; }

    public string? Get(string name) => Values.GetValueOrDefault(name);

    /// <summary>The arguments the ASP.NET Core host sees: its own settings, with --data and the demo's defaults mapped in.</summary>
    public string[] HostArgs()
    {
        var host = HostSettings.Select(s => $"--{s.Key}={s.Value}").ToList();
        if (Get("urls") is { } urls)
            host.Add($"--urls={urls}");
        var data = Get("data") ?? (Verb == "demo" ? Path.Combine("data", "demo") : null);
        if (data is not null)
            host.Add($"--Chengxin:DataFolder={Path.GetFullPath(data)}");
        // The demo is for trying out, also from another machine of an intranet: plain http is fine there.
        if (Verb == "demo" && !HostSettings.Any(s => string.Equals(s.Key, Transport.AllowHttpKey, StringComparison.OrdinalIgnoreCase)))
            host.Add($"--{Transport.AllowHttpKey}=true");
        if (Verb is "demo" or "serve" && Get("urls") is null && !HostSettings.Any(s => string.Equals(s.Key, "urls", StringComparison.OrdinalIgnoreCase))
            && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
            host.Add("--urls=http://localhost:5080");
        return [.. host];
    }
}

/// <summary>
/// The server's verbs on System.CommandLine, as the CLI's are: Chinese help (./chengxin serve --help), and a wrong command line
/// ends with one Chinese line, the verb's usage and exit code 2 before the host is built, so it touches no data.
/// Options that name a host setting (a key with a section, --Chengxin:AllowHttp=true, or one of the host's own keys) pass to the
/// host; any other option a verb does not know is a typing mistake and is refused.
/// </summary>
public static class ServerCommandLine
{
    public const int Ok = 0;
    public const int BadArguments = 2;

    /// <summary>The verbs ./chengxin hands to the server; anything else (a test host's --contentRoot=…) starts it as serve does.</summary>
    public static readonly IReadOnlyList<string> Verbs = ["serve", "demo", "admin", "audit"];

    /// <summary>The host's own keys besides --urls, which serve and demo declare.</summary>
    private static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName", "webroot"];

    public static ServerCommand Parse(IReadOnlyList<string> args) => Parse(args, Console.Out, Console.Error);

    public static ServerCommand Parse(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        // A test host or a bare `dotnet chengxin-server.dll --urls …` names no verb: everything it gives is the host's, as before.
        var implicitServe = args.Count == 0 || !(Verbs.Contains(args[0]) || args[0] is "help" or "--help" or "-h" or "-?");
        if (args.Count > 0 && args[0] == "help")
            args = ["--help"];
        var callerCulture = CultureInfo.CurrentUICulture;
        // System.CommandLine ships Chinese for its headings and messages; the product speaks Chinese whatever the machine's locale.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            return Run(implicitServe ? ["serve", .. args] : args, implicitServe, stdout, stderr);
        }
        finally
        {
            CultureInfo.CurrentUICulture = callerCulture;
        }
    }

    private static ServerCommand Run(IReadOnlyList<string> args, bool implicitServe, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(out var options);
        var (verbArgs, settings) = SplitHostSettings(args, implicitServe);
        // A password may begin with @: it is a password, not a file of further arguments.
        var parse = root.Parse(verbArgs, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var path = Path(parse.CommandResult);
        var verb = string.Join(" ", path);
        if (parse.Action is HelpAction)
        {
            parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return new ServerCommand { Verb = verb, ExitCode = Ok };
        }
        if (parse.Errors.Count > 0)
        {
            var where = verb.Length == 0 ? "chengxin" : $"chengxin {verb}";
            foreach (var error in parse.Errors)
                stderr.WriteLine($"{where}：参数错误 (invalid arguments)：{error.Message}");
            stderr.WriteLine($"用法见 ./{where} --help (see ./{where} --help)");
            stderr.WriteLine();
            root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return new ServerCommand { Verb = verb, ExitCode = BadArguments };
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options.Where(o => parse.GetResult(o) is not null))
            if (parse.GetValue(option) is { } value)
                values[option.Name.TrimStart('-')] = value;
        return new ServerCommand { Verb = verb, Values = values, HostSettings = settings };
    }

    /// <summary>The names of the commands below the root down to the one parsed: ["audit", "verify"].</summary>
    private static List<string> Path(CommandResult command)
    {
        var path = new List<string>();
        for (SymbolResult? r = command; r is CommandResult { Parent: not null } c; r = r.Parent)
            path.Insert(0, c.Command.Name);
        return path;
    }

    /// <summary>
    /// Takes the host's settings out of the arguments before the verbs see them: --key=value, --key value, or --key alone (true),
    /// where the key has a section (Chengxin:AllowHttp) or is one of the host's own keys. Without a verb every option but the
    /// serve verb's own is the host's, as a test host passes --contentRoot=… and --environment=….
    /// </summary>
    private static (List<string> Verb, List<(string Key, string Value)> Settings) SplitHostSettings(IReadOnlyList<string> args, bool implicitServe)
    {
        var verb = new List<string>();
        var settings = new List<(string, string)>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var key = token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2 ? (eq > 0 ? token[2..eq] : token[2..]) : null;
            var isSetting = key is not null && (key.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
                || (implicitServe && key is not ("data" or "urls" or "help")));
            if (!isSetting)
            {
                verb.Add(token);
                continue;
            }
            var value = eq > 0 ? token[(eq + 1)..]
                : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                : "true";
            settings.Add((key!, value));
        }
        return (verb, settings);
    }

    private static RootCommand Build(out List<Option<string>> options)
    {
        var all = new List<Option<string>>();
        Option<string> Option(string name, string description, params string[] aliases)
        {
            var option = new Option<string>(name, aliases) { Description = description };
            all.Add(option);
            return option;
        }
        // Each command gets its own instances: an option belongs to one parent in help.
        Option<string> Data() => Option("--data", "数据目录，默认 data（演示为 data/demo）(the data folder)");
        Option<string> Urls() => Option("--urls", "监听地址，默认 http://localhost:5080 (the address to listen on)");

        var root = new RootCommand("诚信 Chengxin 平台服务 (the Chengxin server)：serve、demo、admin create、audit verify、audit checkpoint");
        root.Add(Leaf("serve", "启动空白生产实例 (run an empty production instance)", Urls(), Data()));
        root.Add(Leaf("demo", "启动演示实例：载入演示信用办并打印演示账户 (run the demo instance and print its accounts)", Urls(), Data()));

        var admin = new Command("admin", "平台管理 (administration)");
        admin.Add(Leaf("create", "创建第一个信用办管理员（信用办和本级单位不存在时一并创建）(create the first office admin)",
            Option("--user", "用户名（必填）(user name, required)"), Option("--password", "密码（必填）(password, required)"),
            Option("--name", "姓名，默认同用户名 (display name)"), Option("--office", "信用办名称，默认“信用办” (credit office)"),
            Option("--region", "本级单位名称，默认“本级” (top unit)"), Data()));
        root.Add(admin);

        var audit = new Command("audit", "审计链 (the audit chain)");
        audit.Add(Leaf("verify", "校验审计链和已发布结果；给出检查点时按检查点发现截断和改写 (verify the chain, snapshots and a checkpoint)",
            Option("--checkpoint", "检查点文件 (checkpoint file)"), Data()));
        audit.Add(Leaf("checkpoint", "签发审计链检查点 (issue a signed checkpoint)",
            Option("--office", "信用办名称，只有一个信用办时可省略 (credit office)"), Option("--output", "写入的文件，默认输出到屏幕 (output file)", "-o"), Data()));
        root.Add(audit);
        // The help and version options keep System.CommandLine's English descriptions otherwise.
        foreach (var option in root.Options)
        {
            if (option is HelpOption)
                option.Description = "显示帮助和用法 (show help)";
        }
        options = all;
        return root;
    }

    /// <summary>A verb that runs, with its options.</summary>
    private static Command Leaf(string name, string description, params Option<string>[] options)
    {
        var command = new Command(name, description);
        foreach (var option in options)
            command.Add(option);
        // The verb runs after the host is built (Commands.RunAsync); parsing only has to know it was chosen.
        command.SetAction(_ => Ok);
        return command;
    }
}
