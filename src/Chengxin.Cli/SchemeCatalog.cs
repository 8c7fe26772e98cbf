using Chengxin.Domain.Schemes;

namespace Chengxin.Cli;

/// <summary>A scheme file that failed to load, kept so that `scheme list` can show it next to the good ones.</summary>
public sealed record CatalogEntry(string Path, Scheme? Scheme, string? Error);

/// <summary>
/// The built-in schemes: every *.yaml directly under &lt;root&gt;/schemes/ (examples/ holds
/// documentation examples, not schemes an office runs). Also resolves a verb's &lt;id|file&gt;.
/// </summary>
public sealed class SchemeCatalog(string root)
{
    public string Directory => Path.Combine(root, "schemes");

    public IReadOnlyList<CatalogEntry> Entries()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*.yaml", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();
    }

    /// <summary>An existing path is a file; anything else is a built-in id.</summary>
    public Scheme Resolve(string idOrFile)
    {
        if (File.Exists(idOrFile)) return LoadFile(idOrFile);
        var entries = Entries();
        var match = entries.FirstOrDefault(e => e.Scheme?.Id == idOrFile);
        if (match?.Scheme is not null) return match.Scheme;
        var known = entries.Where(e => e.Scheme is not null).Select(e => $"{e.Scheme!.Id}（{e.Scheme.Title}）").ToList();
        throw new CliException(known.Count == 0
            ? $"找不到方案 '{idOrFile}'：既不是文件，{Directory} 下也尚无内置方案 (no such file or built-in scheme)"
            : $"找不到方案 '{idOrFile}' (no such file or built-in scheme)。可用的内置方案：{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", known)}");
    }

    /// <summary>Loads a scheme file; messages and lint positions name it as <paramref name="shownAs"/> (default: the path given).</summary>
    public static Scheme LoadFile(string path, string? shownAs = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"无法读取方案文件 {path}：{e.Message}");
        }
        return SchemeLoader.Parse(text, shownAs ?? path);
    }

    private CatalogEntry Load(string path)
    {
        try
        {
            // A built-in scheme is named as the repository names it (schemes/002-….yaml), wherever the repository is.
            return new CatalogEntry(path, LoadFile(path, Path.GetRelativePath(root, path)), null);
        }
        catch (Exception e) when (e is SchemeLoadException or CliException)
        {
            return new CatalogEntry(path, null, e.Message);
        }
    }
}

/// <summary>A user error the CLI reports in one line and exits 2 on (bad file, unknown id, bad option).</summary>
public sealed class CliException(string message) : Exception(message);
