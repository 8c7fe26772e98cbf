namespace Chengxin.Documents;

/// <summary>
/// An official document (公文) as its parts: the office's header (发文机关标志) printed in red above the red line, its
/// number (文号), the title, to whom it goes (主送), the body blocks, the signature (落款) with its date, and who gets a copy
/// (抄送). The writers lay it out after GB/T 9704 in spirit; the model holds no layout.
/// </summary>
public sealed record OfficialDocument(string Issuer, string? Number, DateOnly Date, string Title, IReadOnlyList<DocumentBlock> Body)
{
    /// <summary>主送机关, written before the body and followed by a full-width colon; none when the document goes to no one in particular.</summary>
    public string? Addressee { get; init; }

    /// <summary>落款 above the date; the issuer when not given.</summary>
    public string? Signature { get; init; }

    /// <summary>抄送 in the closing block (版记); none when the document goes to no one else.</summary>
    public string? CopyTo { get; init; }
}

/// <summary>One block of a document's body, in reading order.</summary>
public abstract record DocumentBlock;

/// <summary>A heading; level 1 in 黑体, level 2 in 楷体 (the numbering 一、/（一） is part of the text).</summary>
public sealed record HeadingBlock(string Text, int Level = 1) : DocumentBlock;

/// <summary>A paragraph of body text with the first line indented two characters.</summary>
public sealed record ParagraphBlock(string Text) : DocumentBlock;

/// <summary>
/// A table with a header row that repeats on every page. Widths are relative (any unit); equal columns when not given.
/// </summary>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int>? Widths = null)
    : DocumentBlock;

/// <summary>A picture (PNG bytes), centred and scaled to the text width, with an optional caption below it.</summary>
public sealed record ImageBlock(byte[] Png, string? Caption = null) : DocumentBlock;

/// <summary>A document that cannot be made as asked (a template that names what the data does not know, a missing font).</summary>
public sealed class DocumentException(string message) : Exception(message);
