using Chengxin.Domain.Schemes;

namespace Chengxin.Server.Features.Schemes;

/// <summary>
/// The built-in schemes, read once from the scheme folder (the YAML files that ship with the
/// server, or Chengxin:SchemeFolder). A file that does not load is kept as an error to show,
/// never silently dropped.
/// </summary>
public sealed class SchemeCatalog(IConfiguration config, ILogger<SchemeCatalog> log)
{
    public sealed record LoadError(string File, string Message);

    private readonly Lazy<(IReadOnlyList<Scheme> Schemes, IReadOnlyList<LoadError> Errors, IReadOnlyDictionary<string, string> Texts)> _loaded =
        new(() => Load(config, log));

    public IReadOnlyList<Scheme> Schemes => _loaded.Value.Schemes;
    public IReadOnlyList<LoadError> Errors => _loaded.Value.Errors;

    public Scheme? Find(string id) => Schemes.FirstOrDefault(s => s.Id == id);

    /// <summary>The YAML text the scheme was read from, so that a campaign can freeze exactly what was loaded.</summary>
    public string? TextOf(string id) => _loaded.Value.Texts.GetValueOrDefault(id);

    private static (IReadOnlyList<Scheme>, IReadOnlyList<LoadError>, IReadOnlyDictionary<string, string>) Load(IConfiguration config, ILogger log)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = config["Chengxin:SchemeFolder"] is { Length: > 0 } f ? f : Path.Combine(AppContext.BaseDirectory, "schemes");
        var schemes = new List<Scheme>();
        var errors = new List<LoadError>();
        if (!Directory.Exists(folder))
        {
            log.LogWarning("scheme folder {Folder} does not exist", folder);
            return (schemes, errors, texts);
        }
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                var text = File.ReadAllText(file);
                var scheme = SchemeLoader.Parse(text, Path.GetFileName(file));
                schemes.Add(scheme);
                texts[scheme.Id] = text;
            }
            catch (SchemeLoadException e)
            {
                log.LogError("scheme {File} does not load: {Message}", file, e.Message);
                errors.Add(new LoadError(Path.GetFileName(file), e.Message));
            }
        }
        return (schemes, errors, texts);
    }
}
