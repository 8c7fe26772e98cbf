using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Chengxin.Documents;

/// <summary>The pieces of WordprocessingML both the default layout and a filled template are made of.</summary>
internal static class WordParts
{
    // The fonts an office's Word has under these names; where it has not, Word substitutes and the layout still holds.
    public const string FangSong = "仿宋_GB2312";
    public const string XiaoBiaoSong = "方正小标宋简体";
    public const string HeiTi = "黑体";
    public const string KaiTi = "楷体_GB2312";
    public const string Red = "FF0000";

    // Half-points: 三号 16 pt is the body of a notice, 二号 22 pt its title, 小四 12 pt a dense table.
    public const int SanHao = 32;
    public const int ErHao = 44;
    public const int XiaoSi = 24;

    /// <summary>Twips per millimetre (1440 a inch, 25.4 mm an inch), kept as a ratio so no double is involved.</summary>
    public static int Twips(int millimetres) => millimetres * 1440 * 10 / 254;

    /// <summary>The text width of an A4 page with 28 and 26 mm side margins, in EMU (36,000 a millimetre).</summary>
    public const long TextWidthEmu = 156L * 36000;

    public static Run Run(string text, string font = FangSong, int size = SanHao, bool bold = false, string? color = null)
    {
        var props = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font, ComplexScript = font });
        if (bold) props.Append(new Bold());
        if (color is not null) props.Append(new Color { Val = color });
        props.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    public static Paragraph Paragraph(JustificationValues align, params OpenXmlElement[] content)
    {
        var p = new Paragraph(new ParagraphProperties(new Justification { Val = align }));
        p.Append(content);
        return p;
    }

    /// <summary>A picture run sized from the PNG's own pixels, scaled down to the text width (never up).</summary>
    public static Run Picture(string relationshipId, byte[] png, uint id, long maxWidthEmu = TextWidthEmu)
    {
        var (px, py) = Png.Size(png);
        // 96 pixels an inch, 914,400 EMU an inch.
        long cx = px * 9525L, cy = py * 9525L;
        if (cx > maxWidthEmu)
        {
            cy = cy * maxWidthEmu / cx;
            cx = maxWidthEmu;
        }
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"图{id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new Run(new Drawing(inline));
    }

    public static string AddPng(MainDocumentPart main, byte[] png)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png, writable: false))
            part.FeedData(data);
        return main.GetIdOfPart(part);
    }
}
