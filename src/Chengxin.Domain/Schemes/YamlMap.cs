using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Chengxin.Domain.Schemes;

/// <summary>
/// A strict view of one YAML mapping: every key must be read by the loader, so an unknown
/// key is an error rather than a silently ignored typo.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string? _file;
    private readonly string _what;
    private readonly HashSet<string> _read = [];

    public YamlMap(YamlNode node, string? file, string what)
    {
        _file = file;
        _what = what;
        _node = node as YamlMappingNode
            ?? throw Error(node, $"{what} 应为映射（键: 值）", $"{what} must be a mapping (key: value)");
    }

    public SourceSpan Span => SpanOf(_node);
    public string? File => _file;

    public static SourceSpan SpanOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public SchemeLoadException Error(YamlNode node, string zh, string en) => new(_file, SpanOf(node), zh, en);

    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public bool Has(string key) => Find(key) is not null;

    public YamlNode? Find(string key)
    {
        _read.Add(key);
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode s && s.Value == key)
                return v is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain } ? null : v;
        return null;
    }

    public YamlNode Require(string key) =>
        Find(key) ?? throw new SchemeLoadException(_file, Span, $"{_what} 缺少必填项 '{key}'", $"{_what} is missing required key '{key}'");

    public string String(string key) => ScalarText(Require(key), key);

    public string? OptionalString(string key) => Find(key) is { } n ? ScalarText(n, key) : null;

    public decimal Decimal(string key) => ParseDecimal(Require(key), key);

    public decimal? OptionalDecimal(string key) => Find(key) is { } n ? ParseDecimal(n, key) : null;

    public int? OptionalInt(string key)
    {
        if (Find(key) is not { } n) return null;
        var text = ScalarText(n, key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw Error(n, $"'{key}' 应为整数，实为 '{text}'", $"'{key}' must be a whole number, got '{text}'");
        return v;
    }

    public bool OptionalBool(string key, bool fallback)
    {
        if (Find(key) is not { } n) return fallback;
        return ScalarText(n, key) switch
        {
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            var t => throw Error(n, $"'{key}' 应为 true 或 false，实为 '{t}'", $"'{key}' must be true or false, got '{t}'"),
        };
    }

    public IReadOnlyList<YamlNode> List(string key)
    {
        if (Find(key) is not { } n) return [];
        if (n is not YamlSequenceNode seq)
            throw Error(n, $"'{key}' 应为列表", $"'{key}' must be a list");
        return seq.Children.ToList();
    }

    public IReadOnlyList<string> StringList(string key) =>
        List(key).Select(n => ScalarText(n, key)).ToList();

    public string ScalarText(YamlNode node, string key)
    {
        if (node is not YamlScalarNode s)
            throw Error(node, $"'{key}' 应为单个值", $"'{key}' must be a single value");
        return s.Value ?? "";
    }

    public decimal ParseDecimal(YamlNode node, string key)
    {
        var text = ScalarText(node, key);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw Error(node, $"'{key}' 应为数值，实为 '{text}'", $"'{key}' must be a number, got '{text}'");
        return v;
    }

    /// <summary>Fails on any key the loader did not ask for.</summary>
    public void NoOtherKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name))
                throw Error(k, $"{_what} 中有未知的键 '{name}'", $"unknown key '{name}' in {_what}");
        }
    }
}
