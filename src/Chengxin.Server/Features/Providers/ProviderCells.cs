using System.Globalization;
using System.Text;
using System.Text.Json;
using Chengxin.Domain.Schemes;

namespace Chengxin.Server.Features.Providers;

/// <summary>
/// A grid cell's value: its text in a workbook and the facts-file JSON it stands for, and why a value does not fit its
/// fact, in words a department's clerk reads (no fact keys, no JSON). The engine's own reader stays the last word on
/// what is stored; these reasons only say it first, in the clerk's terms.
/// </summary>
public static class ProviderCells
{
    public const string NotApplicable = "（不适用）";

    /// <summary>What a cell of this type takes, as the grid's header hint and the tail of a refusal.</summary>
    public static string Expected(FactType type) => type switch
    {
        FactType.Bool => "填“是”或“否”",
        FactType.Count => "填不小于 0 的整数",
        FactType.Number => "填数值",
        FactType.Percent => "填 0 到 100 之间的数值",
        FactType.Date => "填日期，如 2026-03-31",
        FactType.Text => "填文字",
        _ => "保留导出时的内容",
    };

    /// <summary>Why a JSON value does not fit a fact of this type, or null when it fits.</summary>
    public static string? Reason(FactType type, JsonElement v)
    {
        var shown = Shown(v);
        return type switch
        {
            FactType.Bool => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"「{shown}」不是“是”或“否”。",
            FactType.Count => v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var n) ? $"「{shown}」不是数值，应{Expected(type)}。"
                : n < 0 || n != decimal.Truncate(n) || !v.TryGetInt64(out _) ? $"「{shown}」不是不小于 0 的整数。" : null,
            FactType.Number => v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out _) ? null : $"「{shown}」不是数值。",
            FactType.Percent => v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var p) ? $"「{shown}」不是数值，应{Expected(type)}。"
                : p is < 0 or > 100 ? $"「{shown}」超出范围，应{Expected(type)}。" : null,
            FactType.Date => v.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : $"「{shown}」不是日期，应{Expected(type)}。",
            FactType.Text => v.ValueKind == JsonValueKind.String ? null : $"「{shown}」不是文字。",
            // Ledgers and judgements: the engine's reader decides; its words name keys, so only the gist is said here.
            _ => null,
        };
    }

    /// <summary>A value as the clerk typed or would have typed it.</summary>
    private static string Shown(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        _ => v.GetRawText(),
    };

    /// <summary>A value's text in a workbook cell.</summary>
    public static string Text(FactType type, JsonElement? value)
    {
        if (value is not { } v)
            return "";
        return type switch
        {
            FactType.Bool when v.ValueKind is JsonValueKind.True or JsonValueKind.False => v.GetBoolean() ? "是" : "否",
            FactType.Date or FactType.Text when v.ValueKind == JsonValueKind.String => v.GetString()!,
            FactType.Count or FactType.Number or FactType.Percent when v.ValueKind == JsonValueKind.Number => v.GetRawText(),
            // Ledgers and judgements keep their facts-file JSON in the cell, so they come back unchanged.
            _ => v.GetRawText(),
        };
    }

    /// <summary>
    /// A workbook cell's text as facts-file JSON, or why it cannot be read; an empty cell clears the value. Full-width
    /// digits and signs (１２, －, ．, ％) read as their ASCII twins: a Chinese input method types them.
    /// </summary>
    public static (string? Json, string? Reason) ToJson(FactType type, string text)
    {
        text = HalfWidth(text).Trim();
        if (text.Length == 0)
            return (null, null);
        switch (type)
        {
            case FactType.Bool:
                return text switch
                {
                    "是" or "true" or "TRUE" or "1" => ("true", null),
                    "否" or "false" or "FALSE" or "0" => ("false", null),
                    _ => (null, $"「{text}」不是“是”或“否”。"),
                };
            case FactType.Count or FactType.Number or FactType.Percent:
                var number = type == FactType.Percent && text.EndsWith('%') ? text[..^1].Trim() : text;
                return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var d)
                    ? (d.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"「{text}」不是数值，应{Expected(type)}。");
            case FactType.Date or FactType.Text:
                return (JsonSerializer.Serialize(text), null);
            default:
                try
                {
                    using var parsed = JsonDocument.Parse(text);
                    return (parsed.RootElement.GetRawText(), null);
                }
                catch (JsonException)
                {
                    return (null, "台账或评分单元格应保留导出时的内容。");
                }
        }
    }

    private static string HalfWidth(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text)
            s.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        return s.ToString();
    }
}
