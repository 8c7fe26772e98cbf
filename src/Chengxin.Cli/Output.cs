using System.Text;
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

/// <summary>Comma-separated values as Excel reads them.</summary>
public static class Csv
{
    public static string Field(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Field));

    /// <summary>Splits CSV text into records, honouring quotes; a leading BOM is dropped.</summary>
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records.Where(r => r.Any(f => f.Length > 0)).ToList();
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
