namespace KosodateShien.Domain.Contracts;

/// <summary>How 契約 and 延長保育 numbers are written (the API and the demo data draw the sequence; this formats it).</summary>
public static class ContractNumbering
{
    /// <summary>契約履歴番号: "K", the 年度 of the start (4 digits) and the sequence (6 digits), e.g. K2027000123.</summary>
    public static string ContractNumber(int fiscalYear, long sequence) => $"K{fiscalYear:D4}{sequence:D6}";

    /// <summary>延長保育申込受付番号: "E", the 年度 applied for (4 digits) and the sequence (6 digits), e.g. E2027000012.</summary>
    public static string ExtendedCareApplicationNumber(int fiscalYear, long sequence) => $"E{fiscalYear:D4}{sequence:D6}";
}
