using System.Globalization;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>Charges (調定) entered by hand for collection tests.</summary>
public static class CollectionScenarios
{
    /// <summary>A charge for the payer and month (<c>YYYY-MM</c>), its 賦課年度 taken from the month; returns its id.</summary>
    public static async Task<Guid> Charged(this ApiClient api, Guid payer, string month, long amount = 30_000, string subject = "userFee")
    {
        var first = DateOnly.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture);
        var fiscalYear = Domain.Common.JapaneseDates.FiscalYearOf(first);
        return (await api.PostJson("/api/charges", new { payerId = payer, subject, fiscalYear, month, amount }, 201, ApiClient.Finance)).GetProperty("id").GetGuid();
    }
}
