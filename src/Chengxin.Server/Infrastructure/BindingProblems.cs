using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// What a request's query string or address got wrong when minimal APIs could not bind it (<c>?limit=abc</c>): the framework answers
/// a bare 400 that names nothing, so the endpoint's parameters are checked again here, the way the framework parses them, and the
/// first that fails is named by its Chinese label (<see cref="Labels"/>), never by its key.
/// </summary>
public static class BindingProblems
{
    /// <summary>
    /// The label of every query and route parameter an endpoint binds to a value that can fail to parse, by its key. A new endpoint's
    /// parameter is added here (BindingProblemTests fails until it is); one without a label is answered with a message naming nothing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Paging
        ["limit"] = "每页条数",
        ["take"] = "每页条数",
        ["pageSize"] = "每页条数",
        ["page"] = "页码",
        ["skip"] = "跳过条数",
        ["offset"] = "起始位置",
        ["after"] = "翻页位置",
        ["afterId"] = "翻页位置",
        ["beforeId"] = "翻页位置",
        // What a list is narrowed to
        ["campaignId"] = "评价批次",
        ["unitId"] = "单位",
        ["snapshotId"] = "名单快照",
        ["state"] = "状态",
        ["kind"] = "事件类别",
        ["year"] = "年份",
        // Switches
        ["includeInactive"] = "含已停用单位",
        ["includeVoided"] = "含已作废批次",
        ["withException"] = "只看有截止例外的单位",
        ["allOrNothing"] = "全部无误才导入",
        ["failedOnly"] = "只看发送失败",
        ["pending"] = "只看未确认",
        ["active"] = "只看未解除",
        ["open"] = "只看未办结",
    };

    /// <summary>A parameter of an endpoint that binds from the query string or the address and can fail to parse.</summary>
    public sealed record Parameter(string Key, Type Type, bool FromRoute, bool Required);

    /// <summary>The endpoint's query and route parameters whose type is parsed (numbers, flags, dates, enums), as the framework binds them.</summary>
    public static IReadOnlyList<Parameter> ParsedParameters(Endpoint endpoint)
    {
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        var found = new List<Parameter>();
        foreach (var meta in endpoint.Metadata.OfType<IParameterBindingMetadata>())
        {
            var info = meta.ParameterInfo;
            if (!meta.HasTryParse || meta.HasBindAsync || info.GetCustomAttributes().Any(a => a is IFromBodyMetadata or IFromHeaderMetadata
                    or IFromFormMetadata or IFromServiceMetadata))
                continue;
            var type = ValueType(info.ParameterType);
            if (type == typeof(string))
                continue;
            var fromQuery = info.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault();
            var fromRoute = info.GetCustomAttributes().OfType<IFromRouteMetadata>().FirstOrDefault();
            var key = fromQuery?.Name ?? fromRoute?.Name ?? info.Name ?? meta.Name;
            // As the framework infers it: a parameter named in the route template is the route's, any other the query string's.
            var routed = pattern?.GetParameter(key);
            var isRoute = fromRoute is not null || fromQuery is null && routed is not null;
            // A route segment with a constraint ({id:long}) never reaches binding: a value it refuses matches no route (404).
            if (isRoute && routed is { ParameterPolicies.Count: > 0 })
                continue;
            found.Add(new Parameter(key, type, isRoute, !meta.IsOptional));
        }
        return found;
    }

    /// <summary>
    /// The Chinese message for the first query or route value of the request that its endpoint cannot bind, or null when every one
    /// binds (the 400 was about the body, say).
    /// </summary>
    public static string? Describe(HttpContext context)
    {
        if (context.GetEndpoint() is not { } endpoint)
            return null;
        foreach (var p in ParsedParameters(endpoint))
        {
            StringValues values = p.FromRoute
                ? context.Request.RouteValues.TryGetValue(p.Key, out var routed) ? Convert.ToString(routed, CultureInfo.InvariantCulture) : StringValues.Empty
                : context.Request.Query[p.Key];
            if (StringValues.IsNullOrEmpty(values))
            {
                if (p.Required && !p.FromRoute)
                    return Labels.TryGetValue(p.Key, out var missing) ? $"缺少{missing}。" : "缺少必填的查询条件。";
                continue;
            }
            if (values.All(v => string.IsNullOrEmpty(v) || Parses(p.Type, v)))
                continue;
            return Labels.TryGetValue(p.Key, out var label) ? MessageFor(label, p.Type)
                : p.FromRoute ? "访问地址格式不正确。" : "查询条件格式不正确。";
        }
        return null;
    }

    /// <summary>What the value must look like, by the parameter's type.</summary>
    public static string MessageFor(string label, Type type)
    {
        type = ValueType(type);
        if (type.IsEnum)
            return $"{label}不是可选的值。";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte
                or TypeCode.SByte => $"{label}须为整数。",
            TypeCode.Decimal or TypeCode.Double or TypeCode.Single => $"{label}须为数字。",
            TypeCode.Boolean => $"「{label}」只能选是或否。",
            TypeCode.DateTime => $"{label}须为日期时间，如 2026-03-02 09:00。",
            _ when type == typeof(DateOnly) => $"{label}须为日期，如 2026-03-02。",
            _ when type == typeof(DateTimeOffset) => $"{label}须为日期时间，如 2026-03-02 09:00。",
            _ when type == typeof(TimeOnly) => $"{label}须为时刻，如 09:00。",
            _ => $"{label}格式不正确。",
        };
    }

    /// <summary>The type one value parses to: a nullable's underlying type, an array's element type.</summary>
    private static Type ValueType(Type type)
    {
        if (type.IsArray)
            type = type.GetElementType()!;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>Parses as minimal APIs do: an enum by name or number (any case), any other type by its TryParse with the invariant culture.</summary>
    private static bool Parses(Type type, string value)
    {
        if (type.IsEnum)
            return Enum.TryParse(type, value, ignoreCase: true, out _);
        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static,
            [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null)
            return (bool)withProvider.Invoke(null, [value, CultureInfo.InvariantCulture, null])!;
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        // A type parsed some other way (BindAsync, say) is left to the framework's answer.
        return plain is null || (bool)plain.Invoke(null, [value, null])!;
    }
}
