namespace KosodateShien.Domain.Certification;

/// <summary>The formats of the numbers the certification office hands out, from a 年度 and a running sequence.</summary>
public static class CertificationNumbering
{
    /// <summary>支給認定者番号: the 年度 (4 digits) followed by the sequence (6 digits), e.g. 2026000123.</summary>
    public static string CertificationNumber(int fiscalYear, long sequence) => $"{fiscalYear:D4}{sequence:D6}";

    /// <summary>認定証発行処理番号: "C", the 年度 (4 digits) and the sequence (6 digits), e.g. C2026000045.</summary>
    public static string CertificateIssueNumber(int fiscalYear, long sequence) => $"C{fiscalYear:D4}{sequence:D6}";
}
