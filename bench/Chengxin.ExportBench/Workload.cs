using Chengxin.Sheets;

namespace Chengxin.ExportBench;

/// <summary>
/// A province's campaign as the exports write it: the ranking (ranks, unit, class, totals, grade, vetoes, self-score,
/// lateness and 34 item scores) and the score sheet (unit, class, 42 item scores and the explanation), 45 columns each,
/// one row per unit. Rows are made as they are read, from the unit's number alone, so every case writes the same cells.
/// </summary>
internal static class Workload
{
    public const int Columns = 45;
    private static readonly string[] Classes = ["乡镇", "街道", "县直部门"];
    private static readonly string[] Grades = ["优秀", "良好", "一般", "较差"];

    public static IReadOnlyList<XlsxSheet> Sheets(int units)
    {
        IReadOnlyList<string> ranking = ["总排名", "类别排名", "单位", "类别", "基本分", "附加分", "总分", "等次", "否决事项", "自评总分", "逾期（小时）",
            .. Enumerable.Range(1, 34).Select(i => $"指标{i}得分")];
        IReadOnlyList<string> scores = ["单位", "类别", .. Enumerable.Range(1, 42).Select(i => $"指标{i}"), "得分说明"];
        return [new XlsxSheet("总排名", ranking, RankingRows(units)), new XlsxSheet("评分表", scores, ScoreRows(units))];
    }

    private static IEnumerable<IReadOnlyList<object?>> RankingRows(int units)
    {
        for (var u = 0; u < units; u++)
        {
            var row = new object?[Columns];
            row[0] = u + 1;
            row[1] = u / 3 + 1;
            row[2] = Name(u);
            row[3] = Classes[u % 3];
            row[4] = Points(u, 0, 9000);
            row[5] = Points(u, 1, 500);
            row[6] = Points(u, 2, 9500);
            row[7] = Grades[u % 4];
            row[8] = u % 50 == 0 ? "严重失信 → 较差" : "";
            row[9] = Points(u, 3, 9500);
            row[10] = u % 7 == 0 ? Points(u, 4, 900) : null;
            for (var i = 11; i < Columns; i++) row[i] = Points(u, i, 500);
            yield return row;
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> ScoreRows(int units)
    {
        for (var u = 0; u < units; u++)
        {
            var row = new object?[Columns];
            row[0] = Name(u);
            row[1] = Classes[u % 3];
            for (var i = 2; i < Columns - 1; i++) row[i] = Points(u, i, 300);
            row[^1] = $"按规定时限报送信用信息{u % 12 + 1}次，逾期{u % 3}次，扣{Points(u, 99, 200)}分";
            yield return row;
        }
    }

    private static string Name(int u) => $"第{u / 1000 + 1}县{u % 1000 + 1}号镇";

    /// <summary>Points to two digits, spread by a hash of the unit and the column so that neighbours differ.</summary>
    private static decimal Points(int u, int column, int hundredths) =>
        (uint)((u + 1) * 2654435761u ^ (uint)(column * 40503)) % (uint)hundredths / 100m;
}
