using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Application.Demo;

/// <summary>
/// The running sequences behind 支給認定者番号 and 認定証発行処理番号, starting at 1.
/// A case that turns out infeasible rewinds to its <see cref="Mark"/>, so no number is skipped.
/// </summary>
internal sealed class DemoNumberSequences
{
    public long CertificationNumbersUsed { get; private set; }
    public long CertificateNumbersUsed { get; private set; }

    /// <summary>支給認定者番号 for a decision made on <paramref name="decisionDate"/> (年度 of the decision).</summary>
    public string NextCertificationNumber(DateOnly decisionDate) =>
        CertificationNumbering.CertificationNumber(JapaneseDates.FiscalYearOf(decisionDate), ++CertificationNumbersUsed);

    /// <summary>認定証発行処理番号 for a certificate issued on <paramref name="issuedOn"/> (年度 of the issue).</summary>
    public string NextCertificateIssueNumber(DateOnly issuedOn) =>
        CertificationNumbering.CertificateIssueNumber(JapaneseDates.FiscalYearOf(issuedOn), ++CertificateNumbersUsed);

    public (long Certifications, long Certificates) Mark() => (CertificationNumbersUsed, CertificateNumbersUsed);

    public void Rewind((long Certifications, long Certificates) mark) => (CertificationNumbersUsed, CertificateNumbersUsed) = mark;
}
