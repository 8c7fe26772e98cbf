using Chengxin.Domain.Monitoring;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// A 双公示 table whose header has been checked and whose rows are still to be read: <see cref="ReadRows"/> hands every row to
/// <see cref="Check"/>. Kept apart so that the store chooses when and on which thread the rows are read — on PostgreSQL while
/// the first rows are already being written (<see cref="StoreDisclosures"/>).
/// </summary>
public sealed record DisclosureTableReading(DisclosureTableCheck Check, Action ReadRows)
{
    /// <summary>Rows given as text cells (a workbook, a machine push); the header is row 1.</summary>
    public static (DisclosureTableReading? Reading, string? TableProblem) Of(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows,
        DisclosureColumnMapping mapping, Func<string, DepartmentMatch> department)
    {
        var check = DisclosureTableCheck.Start(header, mapping, department, out var problem, rows.Count);
        return check is null
            ? (null, problem)
            : (new(check, () =>
            {
                var rowNumber = 1;
                foreach (var row in rows)
                    check.Row(++rowNumber, row);
            }), null);
    }
}
