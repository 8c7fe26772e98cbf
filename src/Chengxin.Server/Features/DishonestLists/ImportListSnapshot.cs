using System.Globalization;
using System.Security.Cryptography;
using Chengxin.Domain.Identifiers;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.DishonestLists;

public sealed record ListSnapshotView(long Id, string ListKind, string ListName, string Source, DateOnly SnapshotDate, string FileName,
    int EntryCount, string ImportedByName, DateTimeOffset ImportedAt, DateTimeOffset? ScreenedAt);

/// <summary>
/// Imports a snapshot of a dishonesty list from an XLSX or CSV file (UTF-8 or GBK): the office names the list, where it took it
/// from and as of which date. Each row is a name (被执行人姓名/名称) and, when the list gives one, an identifier: a full 统一社会信用代码
/// or 身份证号码 must pass its check digit; a masked one (2301**********1234) is taken as it is. The whole file is checked first;
/// one bad row refuses it, every bad row listed with its row, column and reason, and nothing is stored.
/// </summary>
public static class ImportListSnapshot
{
    public const string DishonestDebtor = "dishonest-debtor";
    public const string JointPunishment = "joint-punishment";

    public static readonly IReadOnlyDictionary<string, string> ListKinds = new Dictionary<string, string>
    {
        [DishonestDebtor] = "失信被执行人",
        [JointPunishment] = "联合惩戒对象",
    };

    public static readonly string[] NameColumns = ["被执行人姓名/名称", "姓名/名称", "名称", "姓名", "单位名称"];
    public static readonly string[] CodeColumns = ["身份证号码/组织机构代码", "证件号码", "统一社会信用代码", "身份证号码", "统一社会信用代码/证件号码"];

    /// <summary>At most this many bad rows are listed; the count says how many there were.</summary>
    private const int ListedProblems = 200;

    public static async Task<IResult> Import(HttpRequest http, string? listKind, string? source, string? snapshotDate, string? fileName,
        ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        validation.Check(listKind is not null && ListKinds.ContainsKey(listKind), "listKind", "请选择名单类型（失信被执行人或联合惩戒对象）。");
        validation.Required("source", source, "名单来源", 100);
        var date = DateOnly.TryParseExact(snapshotDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        validation.Check(date is { Year: >= 2000 and <= 2100 }, "snapshotDate", "名单日期须为 2000–2100 年间的日期（如 2023-06-30）。");
        var name = Uploads.FileName(fileName ?? "名单.xlsx", validation);
        if (!validation.IsValid)
            return validation.Problem();

        var bytes = await Uploads.ReadAsync(http, Xlsx.MaxBytes, ct);
        var table = TableUpload.Parse(bytes);
        var nameColumn = table.Column(NameColumns);
        var codeColumn = table.Column(CodeColumns);
        if (nameColumn < 0)
        {
            validation.Add("file", $"表头须有姓名或名称一列（{string.Join("、", NameColumns)}），证件号码一列可选（{string.Join("、", CodeColumns)}）。");
            return validation.Problem();
        }

        var entries = new List<ListEntryRecord>();
        var problems = 0;
        for (var i = 1; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            string Cell(int c) => c >= 0 && c < row.Count ? row[c].Trim() : "";
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var (entryName, code) = (Cell(nameColumn), Cell(codeColumn));
            var problem = entryName.Length == 0 ? (table.Header[nameColumn], "不能为空")
                : entryName.Length > 200 ? (table.Header[nameColumn], "超过 200 个字符")
                : code.Length > 0 && CodeProblem(code) is { } p ? (table.Header[codeColumn], p)
                : ((string, string)?)null;
            if (problem is { } bad)
            {
                if (++problems <= ListedProblems)
                    validation.Add($"row{i + 1}", $"第 {i + 1} 行「{bad.Item1}」：{bad.Item2}。");
                continue;
            }
            entries.Add(new ListEntryRecord { TenantId = scope.TenantId, RowNo = i + 1, Name = entryName, Code = code.Length == 0 ? null : ListScreening.NormaliseCode(code) });
        }
        if (problems > ListedProblems)
            validation.Add("file", $"共 {problems} 行有误，以上列出前 {ListedProblems} 行。");
        if (entries.Count == 0 && validation.IsValid)
            validation.Add("file", "文件中没有名单条目。");
        if (!validation.IsValid)
            return validation.Problem();

        var snapshot = new ListSnapshot
        {
            TenantId = scope.TenantId, ListKind = listKind!, Source = source!.Trim(), SnapshotDate = date!.Value, FileName = name!,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), EntryCount = entries.Count, ImportedBy = scope.UserId,
            ImportedByName = scope.ActorName, ImportedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The snapshot and its entries are stored together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ListSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        foreach (var e in entries)
            e.SnapshotId = snapshot.Id;
        db.ListEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/lists/snapshots/{snapshot.Id}", View(snapshot));
    }

    /// <summary>Why a list's identifier is unusable, or null: a masked number must keep its length; a full one must pass its check digit.</summary>
    public static string? CodeProblem(string raw)
    {
        var code = ListScreening.NormaliseCode(raw);
        if (ListScreening.IsMasked(code))
            return code.Length == 18 ? null : $"遮挡的证件号码应为 18 位，实为 {code.Length} 位";
        if (code.Length != 18)
            return $"证件号码应为 18 位身份证号码或统一社会信用代码，实为 {code.Length} 位";
        // A credit code may be all digits too: either check passing is enough.
        if (ResidentIdNumber.IsValid(code) || UnifiedSocialCreditCode.IsValid(code))
            return null;
        return ScreeningIndex.IdKey(code) is not null ? ResidentIdNumber.Problem(code) : UnifiedSocialCreditCode.Problem(code);
    }

    public static ListSnapshotView View(ListSnapshot s) => new(s.Id, s.ListKind, ListKinds.GetValueOrDefault(s.ListKind, s.ListKind), s.Source,
        s.SnapshotDate, s.FileName, s.EntryCount, s.ImportedByName, BeijingTime.Local(s.ImportedAt), BeijingTime.Local(s.ScreenedAt));
}
