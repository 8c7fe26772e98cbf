using Chengxin.Domain.Monitoring;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// A decoded 双公示 CSV file read where it lies: each row's cells are ranges of the file's text handed to the table check, so a
/// cell becomes a string only when it is stored or named in an error (a city's file is a million rows). Reads as
/// <see cref="CsvTable"/> does: the separator told from the header (comma, semicolon or tab), quoted cells with doubled quotes
/// and line breaks, malformed quoting taken as text rather than refusing the file, empty lines skipped and not numbered.
/// </summary>
public static class DisclosureCsv
{
    private static readonly char[] Separators = [',', ';', '\t'];

    /// <summary>The header read and checked; the rows are read when the store calls <see cref="DisclosureTableReading.ReadRows"/>.</summary>
    public static (DisclosureTableReading? Reading, string? TableProblem) Read(string text, DisclosureColumnMapping mapping,
        Func<string, DepartmentMatch> department)
    {
        var reader = new Reader(text);
        if (!reader.Next(out var chars, out var cells))
            throw new UnusableUploadException("文件中没有表头和数据行。");
        var header = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
            header[i] = chars[cells[i]].ToString();
        var check = DisclosureTableCheck.Start(header, mapping, department, out var problem, text.AsSpan().Count('\n'));
        if (check is null)
            return (null, problem);
        return (new(check, () =>
        {
            // A reader is a view of the text's span and cannot be kept between the calls, so the rows' reader starts again and
            // passes over the header.
            var rows = new Reader(text);
            rows.Next(out _, out _);
            var rowNumber = 1;
            while (rows.Next(out var rowChars, out var rowCells))
                check.Row(++rowNumber, rowChars, rowCells);
        }), null);
    }

    private ref struct Reader
    {
        private readonly ReadOnlySpan<char> _text;
        private int _at;
        private char _separator;
        private Range[] _cells = new Range[16];
        private char[] _scratch = new char[1024];

        public Reader(string text)
        {
            _text = text;
            _at = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            _separator = '\0';
        }

        /// <summary>The next non-empty row: its characters and the ranges of its cells in them.</summary>
        public bool Next(out ReadOnlySpan<char> chars, out ReadOnlySpan<Range> cells)
        {
            while (_at < _text.Length)
            {
                var rest = _text[_at..];
                var stop = rest.IndexOfAny('\n', '\r', '"');
                var end = stop < 0 ? rest.Length : stop;
                if (stop >= 0 && rest[stop] == '"')
                    return Quoted(out chars, out cells);
                var line = rest[..end];
                _at += end;
                SkipLineEnd();
                if (line.IsEmpty)
                    continue;
                if (_separator == '\0')
                    _separator = SeparatorOf(line);
                var count = 0;
                var start = 0;
                while (true)
                {
                    var next = line[start..].IndexOf(_separator);
                    Add(ref count, start, next < 0 ? line.Length : start + next);
                    if (next < 0)
                        break;
                    start += next + 1;
                }
                chars = line;
                cells = _cells.AsSpan(0, count);
                return true;
            }
            chars = default;
            cells = default;
            return false;
        }

        /// <summary>A row with a quote in it, unescaped into the scratch buffer (its cells may hold separators and line breaks).</summary>
        private bool Quoted(out ReadOnlySpan<char> chars, out ReadOnlySpan<Range> cells)
        {
            if (_separator == '\0')
                _separator = SeparatorOf(_text[_at..]);
            var (length, count, cellStart, inQuotes, atCellStart) = (0, 0, 0, false, true);
            while (_at < _text.Length)
            {
                var c = _text[_at];
                if (inQuotes)
                {
                    _at++;
                    if (c != '"')
                        Append(ref length, c);
                    else if (_at < _text.Length && _text[_at] == '"')
                    {
                        Append(ref length, '"');
                        _at++;
                    }
                    else
                        inQuotes = false;
                    continue;
                }
                if (c is '\n' or '\r')
                    break;
                _at++;
                if (c == _separator)
                {
                    Add(ref count, cellStart, length);
                    (cellStart, atCellStart) = (length, true);
                }
                else if (c == '"' && atCellStart)
                    (inQuotes, atCellStart) = (true, false);
                else
                {
                    Append(ref length, c);
                    atCellStart = false;
                }
            }
            Add(ref count, cellStart, length);
            SkipLineEnd();
            chars = _scratch.AsSpan(0, length);
            cells = _cells.AsSpan(0, count);
            return true;
        }

        private void SkipLineEnd()
        {
            if (_at < _text.Length && _text[_at] == '\r')
                _at++;
            if (_at < _text.Length && _text[_at] == '\n')
                _at++;
        }

        private void Add(ref int count, int start, int end)
        {
            if (count == _cells.Length)
                Array.Resize(ref _cells, _cells.Length * 2);
            _cells[count++] = new Range(start, end);
        }

        private void Append(ref int length, char c)
        {
            if (length == _scratch.Length)
                Array.Resize(ref _scratch, _scratch.Length * 2);
            _scratch[length++] = c;
        }

        // The header's most frequent candidate; a one-column header reads as comma-separated.
        private static char SeparatorOf(ReadOnlySpan<char> text)
        {
            var end = text.IndexOfAny('\n', '\r');
            var line = end < 0 ? text : text[..end];
            var best = ',';
            var most = 0;
            foreach (var candidate in Separators)
            {
                var n = line.Count(candidate);
                if (n > most)
                    (best, most) = (candidate, n);
            }
            return best;
        }
    }
}
