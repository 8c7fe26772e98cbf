namespace Chengxin.Sheets;

/// <summary>
/// A workbook that cannot be read as it is, with the reason in the office's words (a file that is no .xlsx, a limit passed,
/// a wrong header). The server answers it with a 400; the CLI prints it.
/// </summary>
public sealed class UnusableWorkbookException(string reason) : Exception(reason);
