using Chengxin.Domain.Identifiers;
using Chengxin.Domain.Monitoring;

namespace Chengxin.Domain.Tests.Monitoring;

/// <summary>The intake's checks over spans say what the string checks say, and a table's cells are judged where they lie.</summary>
public sealed class DisclosureTableCheckTests
{
    private static readonly string[] Header = ["行政相对人名称", "统一社会信用代码", "证件号码", "决定文书号", "决定日期", "上报日期", "处罚机关", "数据来源单位", "信息类别"];

    private static readonly DisclosureDepartment Bureau = new(7, "县市场监督管理局");

    private static DepartmentMatch Department(string text) => text == "市监局" ? DepartmentMatch.Found(Bureau) : DepartmentMatch.Unknown(text);

    [Fact]
    public void IsValid_OverSpans_AgreesWithTheStringChecksOnRandomIdentifiers()
    {
        var random = new Random(32100);
        const string codeChars = "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZa ";
        const string idChars = "0123456789Xx";
        var (validCodes, validIds) = (0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            // Bodies from real shapes so that about one in 31 (codes) and one in 11 (numbers) come out valid.
            var code = i % 2 == 0
                ? "91410425MA40000" + new string(Enumerable.Range(0, 3).Select(_ => codeChars[random.Next(31)]).ToArray())
                : new string(Enumerable.Range(0, random.Next(16, 20)).Select(_ => codeChars[random.Next(codeChars.Length)]).ToArray());
            var id = "410425" + random.Next(1790, 2030) + (random.Next(14) + 1).ToString("00") + random.Next(33).ToString("00") +
                random.Next(1000).ToString("000") + idChars[random.Next(idChars.Length)];
            UnifiedSocialCreditCode.IsValid(code.AsSpan()).ShouldBe(UnifiedSocialCreditCode.IsValid(code), code);
            ResidentIdNumber.IsValid(id.AsSpan()).ShouldBe(ResidentIdNumber.IsValid(id), id);
            validCodes += UnifiedSocialCreditCode.IsValid(code) ? 1 : 0;
            validIds += ResidentIdNumber.IsValid(id) ? 1 : 0;
        }
        (validCodes, validIds).ShouldSatisfyAllConditions(() => validCodes.ShouldBeGreaterThan(100), () => validIds.ShouldBeGreaterThan(100));
    }

    [Fact]
    public void Row_CellsAsRangesOfALine_StoresTrimmedCellsAndRefusesADuplicateNumber()
    {
        var code = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => "91410425MA40000A1" + c).First(UnifiedSocialCreditCode.IsValid);
        var check = DisclosureTableCheck.Start(Header, DisclosureColumnMapping.National, Department, out var problem)!;
        problem.ShouldBeNull();

        foreach (var (row, line) in new[]
        {
            (2, $" 郏县甲公司 ,{code},,郏罚〔2026〕1号,2026-03-02,2026-03-05,,市监局,行政处罚"),
            (3, $"郏县乙公司,{code},,郏罚〔2026〕1号,2026-03-02,2026/3/5,县公安局,市监局,"),
            (4, " , ,,,,,,,"),
        })
            check.Row(row, line, Cells(line));
        var result = check.Finish(_ => false);

        var accepted = result.Accepted.Single();
        (accepted.Row, accepted.Record.SubjectName, accepted.Record.Agency, accepted.Record.Kind, accepted.Record.ReportedOn)
            .ShouldBe((2, "郏县甲公司", "县市场监督管理局", DisclosureKind.Penalty, new DateOnly(2026, 3, 5)));
        result.Rejected.Single().ShouldBe(new DisclosureRowError(3, "决定文书号", "文书号与第 2 行重复", "郏罚〔2026〕1号", "市监局", new DateOnly(2026, 3, 2)));
        result.Rows.ShouldBe(2);
    }

    [Fact]
    public void Finish_NumberStoredBefore_MovesItsRowToTheRefused()
    {
        var code = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => "91410425MA40000A1" + c).First(UnifiedSocialCreditCode.IsValid);
        var rows = new[] { "1号", "2号" }.Select(n => (IReadOnlyList<string>)["郏县甲公司", code, "", n, "2026-03-02", "2026-03-05", "", "市监局", "行政许可"]);

        var result = DualDisclosureIntake.Validate(Header, rows, DisclosureColumnMapping.National, Department, n => n == "1号");

        result.Accepted.Single().Record.DecisionNumber.ShouldBe("2号");
        result.Rejected.Single().ShouldBe(new DisclosureRowError(2, "决定文书号", "文书号已报送过，不能重复报送", "1号", "市监局", new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Finish_AGuessThenWhatTheStoreFound_SecondOutcomeIsAsIfAskedFirstAndRefusedNumbersNameOnlyRefusedRows()
    {
        var code = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => "91410425MA40000A1" + c).First(UnifiedSocialCreditCode.IsValid);
        var check = DisclosureTableCheck.Start(Header, DisclosureColumnMapping.National, Department, out _)!;
        string[] Row(string number, string reported) => ["郏县甲公司", code, "", number, "2026-03-02", reported, "", "市监局", "行政许可"];
        check.Row(2, Row("1号", "2026-03-05"));
        check.Row(3, Row("2号", ""));
        check.Row(4, Row("3号", "2026-03-05"));

        // Only the row refused anyway is asked about before writing.
        check.RefusedNumbers().ShouldBe(["2号"]);
        var guess = check.Finish(_ => false);
        var found = check.Finish(n => n is "2号" or "3号");
        var again = check.Finish(_ => false);

        guess.Accepted.Select(a => a.Row).ShouldBe([2, 4]);
        found.Accepted.Select(a => a.Row).ShouldBe([2]);
        found.Rejected.Select(e => (e.Row, e.Reason)).ShouldBe([(3, "必填项为空"), (3, "文书号已报送过，不能重复报送"), (4, "文书号已报送过，不能重复报送")]);
        // Finishing leaves the check as it was; told that nothing is stored, it finishes as a guess of nothing does.
        again.ShouldBeEquivalentTo(guess);
        check.Finish(DisclosureTableCheck.NothingStored).ShouldBeEquivalentTo(guess);
    }

    [Fact]
    public void Accepted_RowsAsTheyAreRead_ToldEachAcceptedRowInOrderAndNoRefusedOne()
    {
        var code = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => "91410425MA40000A1" + c).First(UnifiedSocialCreditCode.IsValid);
        var check = DisclosureTableCheck.Start(Header, DisclosureColumnMapping.National, Department, out _)!;
        var told = new List<(int Row, int AcceptedSoFar)>();
        var accepted = 0;
        check.Accepted = a => told.Add((a.Row, ++accepted));
        string[] Row(string number, string reported) => ["郏县甲公司", code, "", number, "2026-03-02", reported, "", "市监局", "行政许可"];
        check.Row(2, Row("1号", "2026-03-05"));
        check.Row(3, Row("2号", ""));
        check.Row(4, Row("1号", "2026-03-05"));
        check.Row(5, Row("3号", "2026-03-05"));

        // Told at once (a store writes row 2 while row 5 is still to come), and only what finishing with nothing stored keeps.
        told.ShouldBe([(2, 1), (5, 2)]);
        check.Finish(_ => false).Accepted.Select(a => a.Row).ShouldBe([2, 5]);
    }

    private static Range[] Cells(string line)
    {
        var cells = new List<Range>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
            if (i == line.Length || line[i] == ',')
            {
                cells.Add(start..i);
                start = i + 1;
            }
        return [.. cells];
    }
}
