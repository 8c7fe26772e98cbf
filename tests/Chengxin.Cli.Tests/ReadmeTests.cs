namespace Chengxin.Cli.Tests;

/// <summary>
/// The README's CLI examples run as written, so they cannot drift from the CLI. Relative paths
/// that exist in the repository are read from it; any other (an -o output and what reads it
/// back) lands in a temporary folder.
/// </summary>
public sealed class ReadmeTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "chengxin-readme-tests", Guid.NewGuid().ToString("N"));

    public ReadmeTests() => Directory.CreateDirectory(_scratch);

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { /* a file still open on a slow runner only leaves a temp folder behind */ }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Chengxin.slnx not found above the test binaries");
    }

    private static List<string> CliExamples(string root)
    {
        var lines = File.ReadAllLines(Path.Combine(root, "README.md"));
        var section = Array.FindIndex(lines, l => l.StartsWith("## 命令行 CLI", StringComparison.Ordinal));
        section.ShouldBeGreaterThan(0, "README has a section 命令行 CLI");
        return lines.Skip(section + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("./chengxin ", StringComparison.Ordinal))
            .Select(l => l.Split(" # ")[0].Trim())
            .ToList();
    }

    [Fact]
    public void Readme_CliExamples_RunAndExit0()
    {
        var root = RepositoryRoot();
        var examples = CliExamples(root);
        examples.Count.ShouldBeGreaterThanOrEqualTo(8);

        foreach (var example in examples)
        {
            var args = example.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(a => a.StartsWith('-') ? a : File.Exists(Path.Combine(root, a)) ? Path.Combine(root, a)
                    : a.Contains('.', StringComparison.Ordinal) ? Path.Combine(_scratch, a) : a)
                .ToArray();
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var code = ChengxinCli.Run(args, stdout, stderr, root);

            code.ShouldBe(0, $"{example}\n{stderr}");
            (stdout.ToString() + stderr).ShouldNotBeEmpty(example);
        }
    }

    [Fact]
    public void Readme_CliSection_NamesEveryVerbOfTheHelp()
    {
        var examples = string.Join("\n", CliExamples(RepositoryRoot()));

        foreach (var verb in new[] { "help", "scheme list", "scheme show", "scheme lint", "scheme facts", "facts template", "score" })
            examples.ShouldContain($"./chengxin {verb}");
    }
}
