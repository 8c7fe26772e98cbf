using ScottPlot;

namespace Chengxin.Documents;

/// <summary>A bar of a chart: its label and its value, as the dashboard shows them.</summary>
public sealed record ChartBar(string Label, decimal Value);

/// <summary>
/// The charts a document shows (ScottPlot 5.1.59 on SkiaSharp), as PNG bytes at 96 dpi: the same numbers as the dashboard's,
/// labelled in Chinese with <see cref="DocumentFonts"/>.
/// </summary>
public static class Charts
{
    private const int Width = 800;
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>How many units have each grade, one bar per grade in the scheme's order.</summary>
    public static byte[] GradeDistribution(string title, IReadOnlyList<ChartBar> grades)
    {
        var plot = NewPlot(title);
        var palette = new ScottPlot.Palettes.Category10();
        var bars = grades.Select((g, i) => new Bar { Position = i, Value = Plotted(g.Value), FillColor = palette.GetColor(i), Label = Label(g.Value) }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Positions(grades.Count), grades.Select(g => g.Label).ToArray());
        // Room above the tallest bar for its count.
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.YLabel("单位数");
        return Png(plot, Width, 400);
    }

    /// <summary>Totals in rank order, the best at the top; the caller chooses how many (a page holds about thirty).</summary>
    public static byte[] Ranking(string title, IReadOnlyList<ChartBar> totals)
    {
        var plot = NewPlot(title);
        var count = totals.Count;
        var bars = totals.Select((t, i) => new Bar { Position = count - 1 - i, Value = Plotted(t.Value), FillColor = Colors.SteelBlue, Label = Label(t.Value) }).ToList();
        var added = plot.Add.Bars(bars);
        added.Horizontal = true;
        plot.Axes.Left.SetTicks(Positions(count).Reverse().ToArray(), totals.Select(t => t.Label).ToArray());
        plot.Axes.Margins(left: 0);
        plot.XLabel("总分");
        return Png(plot, Width, Math.Max(300, 60 + count * 22));
    }

    /// <summary>One value per period in order (a unit's or the campaign's average across months, quarters, years).</summary>
    public static byte[] Trend(string title, IReadOnlyList<ChartBar> periods)
    {
        var plot = NewPlot(title);
        var xs = Positions(periods.Count);
        var ys = periods.Select(p => Plotted(p.Value)).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.LineWidth = 2;
        line.MarkerSize = 8;
        for (var i = 0; i < periods.Count; i++)
        {
            var label = plot.Add.Text(Label(periods[i].Value), xs[i], ys[i]);
            label.LabelFontName = DocumentFonts.Family;
            label.LabelAlignment = Alignment.LowerCenter;
            label.OffsetY = -8;
        }
        plot.Axes.Bottom.SetTicks(xs, periods.Select(p => p.Label).ToArray());
        plot.Axes.Margins(horizontal: 0.1, vertical: 0.25);
        return Png(plot, Width, 360);
    }

    private static Plot NewPlot(string title)
    {
        Register();
        var plot = new Plot();
        plot.Font.Set(DocumentFonts.Family);
        plot.Title(title);
        return plot;
    }

    private static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            Fonts.FontResolvers.Add(new ChartFont());
            _registered = true;
        }
    }

    /// <summary>
    /// Charts draw with SkiaSharp, which reads the .ttc collections PDFsharp cannot: Noto Sans CJK SC when installed (it has
    /// Latin digits too), else the PDF's Chinese face.
    /// </summary>
    private sealed class ChartFont : IFontResolver
    {
        private const string NotoCollection = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
        private static readonly Lazy<SkiaSharp.SKTypeface> Face = new(Load);

        private static SkiaSharp.SKTypeface Load()
        {
            if (File.Exists(NotoCollection))
            {
                for (var index = 0; index < 10; index++)
                {
                    var face = SkiaSharp.SKTypeface.FromFile(NotoCollection, index);
                    if (face is null) break;
                    if (face.FamilyName == "Noto Sans CJK SC") return face;
                    face.Dispose();
                }
            }
            return SkiaSharp.SKTypeface.FromFile(DocumentFonts.Path);
        }

        public SkiaSharp.SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            fontName == DocumentFonts.Family ? Face.Value : null;

        public SkiaSharp.SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == DocumentFonts.Family ? Face.Value : null;
    }

    private static byte[] Png(Plot plot, int width, int height)
    {
        plot.Font.Set(DocumentFonts.Family);
        return plot.GetImage(width, height).GetImageBytes(ImageFormat.Png);
    }

    private static double[] Positions(int count) => Enumerable.Range(0, count).Select(i => (double)i).ToArray();

    // The plotting library draws in double; values stay decimal until this one conversion for the picture.
    private static double Plotted(decimal value) => (double)value;

    private static string Label(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
