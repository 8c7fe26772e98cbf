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

    private readonly Lazy<(IReadOnlyList<Scheme> Schemes, IReadOnlyList<LoadError> Errors)> _loaded = new(() => Load(config, log));

    public IReadOnlyList<Scheme> Schemes => _loaded.Value.Schemes;
    public IReadOnlyList<LoadError> Errors => _loaded.Value.Errors;

    public Scheme? Find(string id) => Schemes.FirstOrDefault(s => s.Id == id);

    private static (IReadOnlyList<Scheme>, IReadOnlyList<LoadError>) Load(IConfiguration config, ILogger log)
    {
        var folder = config["Chengxin:SchemeFolder"] is { Length: > 0 } f ? f : Path.Combine(AppContext.BaseDirectory, "schemes");
        var schemes = new List<Scheme>();
        var errors = new List<LoadError>();
        if (!Directory.Exists(folder))
        {
            log.LogWarning("scheme folder {Folder} does not exist", folder);
            return (schemes, errors);
        }
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                schemes.Add(SchemeLoader.Parse(File.ReadAllText(file), Path.GetFileName(file)));
            }
            catch (SchemeLoadException e)
            {
                log.LogError("scheme {File} does not load: {Message}", file, e.Message);
                errors.Add(new LoadError(Path.GetFileName(file), e.Message));
            }
        }
        return (schemes, errors);
    }
}
