using System.Globalization;
using Chengxin.Domain.Campaigns;

namespace Chengxin.Domain.Collection;

/// <summary>The commitment letter (信用承诺书) rendered for one signer and period.</summary>
public static class LetterText
{
    public const string StandardTitle = "政务诚信评价工作信用承诺书";

    /// <summary>
    /// Seed 001 附件2 in general words: used when the scheme carries no letter of its own. The placeholders
    /// are the scheme format's: {单位}, {开始日期}, {结束日期}, {期间}.
    /// </summary>
    public const string StandardText =
        "我单位{单位}现提供日期在{开始日期}至{结束日期}的“政务诚信”评价材料台账，郑重承诺此次提供的台账内容真实有效，没有遗漏。" +
        "若因材料失实、有误、漏报等所产生的责任后果由我单位承担。\n特此承诺。\n承诺单位：（盖章）\n年 月 日\n";

    public static string Render(string template, string unitName, Period period) =>
        template.Replace("{单位}", unitName, StringComparison.Ordinal)
            .Replace("{开始日期}", Chinese(period.From), StringComparison.Ordinal)
            .Replace("{结束日期}", Chinese(period.To), StringComparison.Ordinal)
            .Replace("{期间}", period.Label, StringComparison.Ordinal);

    private static string Chinese(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");
}
