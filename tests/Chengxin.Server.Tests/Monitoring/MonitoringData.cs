using System.Net.Http.Headers;
using System.Text;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests.Monitoring;

/// <summary>Valid identifiers made up per test (so that tests sharing a database never meet), units that carry them, and uploads.</summary>
public static class MonitoringData
{
    private const string CreditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A 统一社会信用代码 (GB 32100) that passes its check character.</summary>
    public static string CreditCode()
    {
        var body = "11" + string.Concat(Enumerable.Range(0, 15).Select(_ => CreditCharset[Random.Shared.Next(10, 31)]));
        var sum = body.Select((c, i) => CreditCharset.IndexOf(c) * CreditWeights[i]).Sum();
        return body + CreditCharset[(31 - sum % 31) % 31];
    }

    /// <summary>A 公民身份号码 (GB 11643) of someone born in 1990 in 哈尔滨 that passes its check character.</summary>
    public static string IdNumber()
    {
        var body = $"230102199{Random.Shared.Next(0, 10)}0{Random.Shared.Next(1, 10)}1{Random.Shared.Next(0, 10)}{Random.Shared.Next(100, 1000)}";
        var sum = body.Select((c, i) => (c - '0') * IdWeights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>
    /// A 公民身份号码 with a wrong check character that is no 统一社会信用代码 either: the list's identity column takes both, and
    /// one wrong ID character in 31 happens to be the right credit-code character, which would make the row valid.
    /// </summary>
    public static string WrongCheckIdNumber()
    {
        var id = IdNumber();
        var body = id[..17];
        var creditSum = body.Select((c, i) => CreditCharset.IndexOf(c) * CreditWeights[i]).Sum();
        var creditCheck = CreditCharset[(31 - creditSum % 31) % 31];
        return body + "0123456789".First(c => c != id[17] && c != creditCheck);
    }

    public static string Masked(string id) => id[..4] + new string('*', 10) + id[^4..];

    public static string Tag() => Guid.NewGuid().ToString("N")[..6];

    public static async Task<UnitResponse> UnitAsync(Walk walk, string name, string? code) =>
        await (await walk.Admin.PostJsonAsync("/api/units", new CreateUnitRequest(walk.County, name, code ?? "MN" + Tag(), "Department", "部门")))
            .ReadAsync<UnitResponse>();

    public static ByteArrayContent Csv(string text, Encoding encoding)
    {
        var content = new ByteArrayContent(encoding.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    public static ByteArrayContent Workbook(IReadOnlyList<string> header, params IReadOnlyList<object?>[] rows)
    {
        var content = new ByteArrayContent(Xlsx.Write("Sheet1", header, rows));
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return content;
    }

    public static Encoding Gbk
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GBK");
        }
    }
}
