using System.Diagnostics;

namespace Chengxin.Documents.Tests;

/// <summary>
/// Opens a PDF from outside the product, as a reader would: pdftotext for its text, pdftoppm for pictures of its pages, kept in
/// test-output/ (next to the repository's root) to be looked at.
/// </summary>
public static class Poppler
{
    public static string OutputFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx"))) dir = dir.Parent;
            var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "test-output", "documents");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string Text(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            return Run("pdftotext", $"-enc UTF-8 \"{file}\" -");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Renders every page at 60 dpi as name-1.png, name-2.png … and returns the files.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf, string name)
    {
        var folder = OutputFolder;
        foreach (var old in Directory.GetFiles(folder, name + "-*.png")) File.Delete(old);
        var file = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(file, pdf);
        Run("pdftoppm", $"-png -r 60 \"{file}\" \"{Path.Combine(folder, name)}\"");
        return Directory.GetFiles(folder, name + "-*.png").Order(StringComparer.Ordinal).ToList();
    }

    private static string Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments}: {error}");
        return output;
    }
}
