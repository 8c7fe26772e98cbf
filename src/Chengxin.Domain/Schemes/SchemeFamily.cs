namespace Chengxin.Domain.Schemes;

/// <summary>
/// Schemes are reissued each year under a new id (huaian-quarterly-2022, huaian-quarterly-2023); a unit's trend
/// follows the family, the id without its trailing year, so periods of successive issues line up.
/// </summary>
public static class SchemeFamily
{
    public static string Of(string schemeId)
    {
        var id = schemeId.Trim();
        return id.Length > 5 && id[^5] == '-' && id[^4..].All(char.IsAsciiDigit) ? id[..^5] : id;
    }
}
