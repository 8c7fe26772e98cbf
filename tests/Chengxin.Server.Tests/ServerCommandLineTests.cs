using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>
/// The server's command line as ./chengxin hands it over, parsed in-process: the verbs and their options, the host's settings
/// passed through, and every wrong command line ending in Chinese with exit code 2 before anything starts.
/// </summary>
public sealed class ServerCommandLineTests
{
    private static (ServerCommand Command, string Out, string Err) Parse(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var command = ServerCommandLine.Parse(args, stdout, stderr);
        return (command, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Parse_AdminCreateWithItsOptions_GivesTheVerbAndEveryValue()
    {
        var (command, _, err) = Parse("admin", "create", "--user", "chief", "--password", "@secret-1", "--office", "试点信用办", "--data", "d");

        err.ShouldBeEmpty();
        command.ExitCode.ShouldBeNull();
        command.Verb.ShouldBe("admin create");
        command.Get("user").ShouldBe("chief");
        // A password that begins with @ is a password, not a file of further arguments.
        command.Get("password").ShouldBe("@secret-1");
        command.Get("office").ShouldBe("试点信用办");
        command.HostArgs().ShouldContain($"--Chengxin:DataFolder={Path.GetFullPath("d")}");
    }

    [Fact]
    public void Parse_AuditCheckpointWithShortOutput_GivesTheFile()
    {
        var (command, _, _) = Parse("audit", "checkpoint", "-o", "cp.json", "--office", "信用办");

        command.Verb.ShouldBe("audit checkpoint");
        command.Get("output").ShouldBe("cp.json");
        command.Get("office").ShouldBe("信用办");
    }

    [Fact]
    public void Parse_MistypedOption_SaysSoInChineseWithTheUsageAndExitCode2()
    {
        var (command, @out, err) = Parse("admin", "create", "--usr", "chief", "--password", "p");

        command.ExitCode.ShouldBe(2);
        @out.ShouldBeEmpty();
        err.ShouldContain("chengxin admin create：参数错误");
        err.ShouldContain("--usr");
        err.ShouldContain("用法");
        err.ShouldContain("--password");
    }

    [Fact]
    public void Parse_GroupWithoutItsSubcommand_ExitCode2WithTheSubcommandsListed()
    {
        var (command, _, err) = Parse("audit");

        command.ExitCode.ShouldBe(2);
        err.ShouldContain("参数错误");
        err.ShouldContain("verify");
        err.ShouldContain("checkpoint");
    }

    [Fact]
    public void Parse_Help_PrintsEveryVerbInChineseAndExitCode0()
    {
        var (root, rootOut, _) = Parse("--help");
        var (serve, serveOut, _) = Parse("serve", "--help");

        root.ExitCode.ShouldBe(0);
        rootOut.ShouldContain("用法");
        foreach (var verb in new[] { "serve", "demo", "admin", "audit" })
            rootOut.ShouldContain(verb);
        serve.ExitCode.ShouldBe(0);
        serveOut.ShouldContain("--urls");
        serveOut.ShouldContain("数据目录");
        serveOut.ShouldContain("显示帮助");
    }

    [Fact]
    public void Parse_DemoWithHostSettings_PassesThemToTheHostAndKeepsTheDefaultsOtherwise()
    {
        var (command, _, err) = Parse("demo", "--urls", "http://127.0.0.1:5999", $"--{Transport.AllowHttpKey}", "false", "--environment=Production");

        err.ShouldBeEmpty();
        command.ExitCode.ShouldBeNull();
        var host = command.HostArgs();
        host.ShouldContain("--urls=http://127.0.0.1:5999");
        host.ShouldContain($"--{Transport.AllowHttpKey}=false");
        host.ShouldNotContain($"--{Transport.AllowHttpKey}=true");
        host.ShouldContain("--environment=Production");
        host.ShouldContain($"--Chengxin:DataFolder={Path.GetFullPath(Path.Combine("data", "demo"))}");
    }

    [Fact]
    public void Parse_NoVerbAsATestHostStartsIt_ServesWithEveryArgumentForTheHost()
    {
        var (command, _, err) = Parse("--contentRoot=/srv/chengxin", "--environment=Development", "--applicationName=Chengxin.Server");

        err.ShouldBeEmpty();
        command.ExitCode.ShouldBeNull();
        command.Verb.ShouldBe("serve");
        command.HostArgs().ShouldContain("--contentRoot=/srv/chengxin");
        command.HostArgs().ShouldContain("--applicationName=Chengxin.Server");
    }
}
