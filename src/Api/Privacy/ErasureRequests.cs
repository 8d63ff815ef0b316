using KosodateShien.Api.Http;

namespace KosodateShien.Api.Privacy;

/// <summary>消去請求: whose data (本人の宛名), on what legal basis (根拠), why, and when the request was received (受付日).</summary>
/// <param name="PersonId">本人 (person id)</param>
/// <param name="LegalBasis">根拠, e.g. 個人情報の保護に関する法律第98条 (利用停止請求)</param>
/// <param name="Reason">請求の理由</param>
/// <param name="ReceivedOn">受付日</param>
public sealed record ErasureRequestBody(Guid PersonId, string LegalBasis, string Reason, DateOnly ReceivedOn) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (PersonId == Guid.Empty) errors.Add("personId", "is required.");
        errors.Required("legalBasis", LegalBasis, 200);
        errors.Required("reason", Reason, 1_000);
    }
}

/// <summary>承認: the version of the erasure read.</summary>
public sealed record ErasureApprovalBody(int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>不承認: why, and the version of the erasure read.</summary>
public sealed record ErasureRejectionBody(string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("reason", Reason, 1_000);
        errors.Version(Version);
    }
}

/// <summary>基準日 of a retention run: the day the periods are counted to (today or earlier; an earlier day erases no more).</summary>
public sealed record RetentionRunBody(DateOnly AsOf) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (AsOf.Year < 1900) errors.Add("asOf", "must be on or after 1900-01-01.");
    }
}
