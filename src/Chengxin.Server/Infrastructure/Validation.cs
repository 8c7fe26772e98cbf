namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Field-level request checks that end in one 400 ValidationProblem listing every bad field,
/// with messages in Chinese keyed by the JSON field name.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>Whether any of the fields is already refused (a later check that would be wasted, or unsafe, on it is skipped).</summary>
    public bool Has(params string[] fields) => fields.Any(_errors.ContainsKey);

    public Validation Required(string field, string? value, string label, int maxLength = 100)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"{label}不能为空。");
        else if (value.Trim().Length > maxLength)
            Add(field, $"{label}不能超过 {maxLength} 个字符。");
        return this;
    }

    public Validation Optional(string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
            Add(field, $"{label}不能超过 {maxLength} 个字符。");
        return this;
    }

    public Validation Check(bool condition, string field, string message)
    {
        if (!condition)
            Add(field, message);
        return this;
    }

    /// <summary>
    /// An enum bound from JSON: a number that names no member (<c>"scopeKind": 99</c>) binds without complaint and would be
    /// stored, so every enum in a request body is checked here.
    /// </summary>
    public Validation Defined<TEnum>(string field, TEnum? value, string label) where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
            Add(field, $"{label}无效。");
        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    public IResult Problem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), title: "请求数据有误");
}
