using System.Globalization;
using System.Text;
using CsvHelper;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Chengxin.Cli;

/// <summary>Where a verb writes, and the Spectre consoles over those writers.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr, string root)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public string Root { get; } = root;
    public SchemeCatalog Catalog { get; } = new(root);

    public static IAnsiConsole ConsoleOver(TextWriter writer)
    {
        var isTerminal = (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Spectre assumes 80 columns when it writes to a file or a pipe, which would wrap a
        // table of Chinese titles mid-word; a file has no width, so give it room.
        if (!isTerminal) console.Profile.Width = 1000;
        // Box-drawing borders need a Unicode encoding; a StringWriter reports UTF-16, a pipe UTF-8.
        console.Profile.Encoding = Encoding.UTF8;
        return console;
    }

    public static IRenderable Cell(string? text) => new Text(text ?? "");
}

/// <summary>
/// Comma-separated values as Excel reads them, through CsvHelper: RFC 4180 quoting (a field with a comma, a quote, a line break
/// or an edge space is quoted, its quotes doubled) and CRLF between records. The byte order mark is the sink's business.
/// </summary>
public static class Csv
{
    // Defaults are RFC 4180 already; the separator is named so that reading never guesses a ; or a tab from a Chinese list.
    private static readonly CsvWriterOptions WriteOptions = CsvWriterOptions.Default with { Separator = ',', NewLine = "\r\n" };

    private static readonly CsvReaderOptions ReadOptions = CsvReaderOptions.Default with { Separator = ',', HasHeader = false };

    /// <summary>The records as CSV text, each record ended by CRLF; a null field is an empty one.</summary>
    public static string Write(IEnumerable<IEnumerable<string?>> records)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, WriteOptions, leaveOpen: true))
        {
            foreach (var record in records)
            {
                foreach (var field in record)
                    csv.WriteField(field ?? "");
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Splits CSV text into records, honouring quotes; a leading BOM and records with nothing in them are dropped. A list typed
    /// by hand may hold a stray quote: it is read as text, as the office meant it, instead of refusing the file.
    /// </summary>
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        using var csv = CsvReader.FromText(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, ReadOptions);
        while (csv.Read())
        {
            List<string> record = [.. csv.Current.ToArray().Select(f => f ?? "")];
            if (record.Any(f => f.Length > 0))
                records.Add(record);
        }
        return records;
    }
}

/// <summary>Writes a verb's result to -o's file or, without it, to stdout.</summary>
public static class Sink
{
    public static void WriteText(CliContext ctx, string? path, string text, bool bom = false)
    {
        if (path is null)
        {
            ctx.Out.Write(bom ? "\uFEFF" + text : text);
            return;
        }
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(bom));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法写入文件 {path}：{e.Message}");
        }
        ctx.Err.WriteLine($"已写入 {path} (written)");
    }
}
