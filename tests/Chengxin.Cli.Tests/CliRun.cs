namespace Chengxin.Cli.Tests;

/// <summary>The outcome of one in-process run of the CLI.</summary>
public sealed record CliResult(int Code, string Out, string Err);

/// <summary>
/// Runs the real CLI in-process against a temporary repository root, so that the built-in
/// catalog holds exactly what a test puts there (the real schemes/ is being written by others).
/// </summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Root = Path.Combine(Path.GetTempPath(), "chengxin-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "schemes"));
    }

    public string Root { get; }

    /// <summary>The example scheme that uses every construct, as copied next to the tests.</summary>
    public static string EveryPart => Path.Combine(AppContext.BaseDirectory, "schemes", "examples", "every-part.yaml");

    public CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ChengxinCli.Run(args, stdout, stderr, Root);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A file in the temporary root.</summary>
    public string File(string name, string? content = null)
    {
        var path = Path.Combine(Root, name);
        if (content is not null) System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The every-part scheme installed as a built-in scheme of the temporary root.</summary>
    public void InstallEveryPart() =>
        System.IO.File.Copy(EveryPart, Path.Combine(Root, "schemes", "every-part.yaml"));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a file still open on a slow runner only leaves a temp folder behind */ }
    }

    /// <summary>Facts for three units of the every-part scheme: two towns and a department, one of them incomplete.</summary>
    public const string ThreeUnits = """
        {"units":[
         {"id":"t1","name":"城关镇","class":"town","facts":{"group_set_up":true,"meetings":3,"slogans":true,"boards":true,"leaflets":false,"models":true,
           "campaigns":[{"name":"诚信宣传月","date":"2026-03-01"},{"name":"进社区","date":"2026-03-15"}],"complaints":1,"satisfaction":85.5,"correction_rate":10,
           "loan_growth":0.35,"tasks":[{"name":"任务一","done":true},{"name":"任务二","done":false},{"name":"任务三","done":true}],"reported_in_time":true,
           "concealed_reports":0,"added_tasks":2,"serious_dishonesty":false,"listed_dishonest":false,"pledging_firms":3,"innovation":{"points":3,"reason":"被市级推广"}}},
         {"id":"d1","name":"县发改委","class":"dept","facts":{"group_set_up":true,"meetings":4,"slogans":true,"boards":true,"leaflets":true,"models":true,
           "campaigns":[],"satisfaction":92,"correction_rate":35,"loan_growth":1,"tasks":[],"reported_in_time":false,"concealed_reports":1,"added_tasks":0,
           "serious_dishonesty":false,"listed_dishonest":false,"innovation":{"points":0,"reason":"无创新案例"}}},
         {"id":"t2","name":"新城街道","class":"town","facts":{"group_set_up":false}}
        ]}
        """;
}
