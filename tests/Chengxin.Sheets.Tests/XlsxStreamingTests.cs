namespace Chengxin.Sheets.Tests;

/// <summary>
/// The writer streams: a large sheet reaches its destination while its rows are still being read, through asynchronous writes
/// only (a server refuses synchronous ones), and what arrives reads back whole.
/// </summary>
public sealed class XlsxStreamingTests
{
    private const int Rows = 20_000;
    private static readonly IReadOnlyList<string> Header = ["排名", "单位", "得分", "等次", "说明"];

    [Fact]
    public async Task WriteAsync_LargeSheet_FirstBytesArriveBeforeTheLastRowIsRead()
    {
        var read = 0;
        var destination = new ResponseLikeStream(() => read);

        await XlsxWriter.WriteAsync(destination, [new XlsxSheet("总排名", Header, Generate(() => read++))]);

        read.ShouldBe(Rows);
        destination.RowsReadAtFirstWrite.ShouldNotBeNull();
        destination.RowsReadAtFirstWrite.Value.ShouldBeLessThan(Rows / 2);
    }

    [Fact]
    public async Task WriteAsync_ToAStreamThatRefusesSynchronousWrites_WritesAWorkbookThatReadsBack()
    {
        var destination = new ResponseLikeStream(() => 0);

        await XlsxWriter.WriteAsync(destination, [new XlsxSheet("总排名", Header, Generate(() => { })), new XlsxSheet("说明", ["键"], [["x"]], Hidden: true)]);

        var sheets = XlsxReader.ReadAll(new MemoryStream(destination.Written.ToArray()));
        sheets.Keys.ShouldBe(["总排名", "说明"]);
        sheets["总排名"].Count.ShouldBe(Rows + 1);
        sheets["总排名"][Rows].ShouldBe([Rows.ToString(), $"单位{Rows}", "19.99", "良好", "第 20000 名 & <末位>"]);
    }

    [Fact]
    public void Write_MarkupAndControlCharactersInText_ReadBackAsTextWithoutTheControlCharacters()
    {
        var bytes = XlsxWriter.Write("Sheet1", ["说明"], [["a<b>&\"c\"\u0001d"]]);

        XlsxReader.ReadFirst(new MemoryStream(bytes))[1].ShouldBe(["a<b>&\"c\"d"]);
    }

    [Fact]
    public void Write_RowsBeyondTheWidthSample_LongerTextStillWraps()
    {
        var rows = Enumerable.Range(0, XlsxWriter.WidthSampleRows + 1)
            .Select(i => (IReadOnlyList<object?>)[i < XlsxWriter.WidthSampleRows ? "短" : new string('长', 40)]);

        var bytes = XlsxWriter.Write("Sheet1", ["说明"], rows);

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var xml = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        xml.ShouldContain($"<c r=\"A{XlsxWriter.WidthSampleRows + 2}\" s=\"2\" t=\"inlineStr\">");
        xml.ShouldNotContain("<c r=\"A2\" s=\"2\"");
    }

    private static IEnumerable<IReadOnlyList<object?>> Generate(Action onRow)
    {
        for (var i = 1; i <= Rows; i++)
        {
            onRow();
            yield return [i, $"单位{i}", 19.99m, "良好", $"第 {i} 名" + (i == Rows ? " & <末位>" : "")];
        }
    }

    /// <summary>A response body: forward only, no length, synchronous writes refused; it notes how many rows were read when its first byte came.</summary>
    private sealed class ResponseLikeStream(Func<int> rowsRead) : Stream
    {
        public MemoryStream Written { get; } = new();
        public int? RowsReadAtFirstWrite { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            RowsReadAtFirstWrite ??= rowsRead();
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
