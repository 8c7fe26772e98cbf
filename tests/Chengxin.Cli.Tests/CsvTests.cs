namespace Chengxin.Cli.Tests;

/// <summary>The CSV the CLI writes and reads (CsvHelper under it): RFC 4180 quoting, CRLF records, Chinese as it is.</summary>
public sealed class CsvTests
{
    [Fact]
    public void Write_CommasQuotesLineBreaksAndChinese_QuotesOnlyWhatNeedsIt()
    {
        var text = Csv.Write([["城关镇，东区", "a,b", "他说\"好\"", "第一行\n第二行", "县发改委", null]]);

        text.ShouldBe("城关镇，东区,\"a,b\",\"他说\"\"好\"\"\",\"第一行\n第二行\",县发改委,\r\n");
    }

    [Fact]
    public void Parse_WhatWriteWrote_GivesTheSameFields()
    {
        List<List<string>> records = [["单位编码", "单位名称", "单位类别"], ["t1", "城关镇, \"东\"区\r\n二部", "乡镇"], ["d1", "", "dept"]];

        Csv.Parse(Csv.Write(records)).ShouldBe(records);
    }

    [Fact]
    public void Parse_ByteOrderMarkAndBlankRecords_AreDropped()
    {
        Csv.Parse("\uFEFF单位编码,单位名称\n\n,\nt1,城关镇\n").ShouldBe([["单位编码", "单位名称"], ["t1", "城关镇"]]);
    }
}
