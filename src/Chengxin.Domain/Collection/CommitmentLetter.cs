using System.Diagnostics.CodeAnalysis;

namespace Chengxin.Domain.Collection;

/// <summary>
/// The commitment letter (附件2): the unit accepts its text once, and only then uploads the signed and stamped scan, so the
/// scan on record is always of a text the unit accepted.
/// </summary>
public static class CommitmentLetter
{
    public static void EnsureAcceptable(bool acceptedBefore)
    {
        if (acceptedBefore) throw new DomainRuleException("本单位的信用承诺书已确认，不能重复确认。");
    }

    public static void EnsureScanAllowed([DoesNotReturnIf(false)] bool accepted)
    {
        if (!accepted) throw new DomainRuleException("请先确认信用承诺书的内容，再上传签字盖章的扫描件。");
    }
}
