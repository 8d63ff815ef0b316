using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections;
using KosodateShien.Projections.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Collection;

/// <summary>
/// 振替口座 as written on the 口座振替依頼書: 金融機関コード (4 digits), 支店コード (3), 預金種目, 口座番号 (up to 7 digits) and
/// 口座名義カナ (katakana or hiragana; written in half-width for the bank), optionally 金融機関名・支店名カナ.
/// </summary>
public sealed record BankAccountRequest(string BankCode, string BranchCode, AccountType Type, string Number, string HolderKana, string? BankNameKana = null,
    string? BranchNameKana = null)
{
    public BankAccount ToAccount() => BankAccount.Of(BankCode.Trim(), BranchCode.Trim(), Type, Number.Trim(), HolderKana, BankNameKana, BranchNameKana);
}

/// <summary>口座振替の申込: 申込日, 開始年月 and 終了年月 (<c>YYYY-MM</c>), the account, and the 徴収科目 drawn (all when left out).</summary>
public sealed record DirectDebitMandateRequest(DateOnly AppliedOn, string StartMonth, BankAccountRequest Account, string? EndMonth = null,
    IReadOnlyList<CollectionSubject>? Subjects = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (MonthText.FirstDay(StartMonth) is null) errors.Add("startMonth", "must be a month, YYYY-MM.");
        if (EndMonth is not null && MonthText.FirstDay(EndMonth) is null) errors.Add("endMonth", "must be a month, YYYY-MM.");
        if (Account is null) errors.Add("account", "is required.");
    }
}

/// <summary>一時停止: 停止期間 from <c>fromMonth</c> to <c>toMonth</c> (open-ended when left out), 申出日 and 事由.</summary>
public sealed record DirectDebitPauseRequest(string FromMonth, DateOnly RequestedOn, string Reason, int Version, string? ToMonth = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (MonthText.FirstDay(FromMonth) is null) errors.Add("fromMonth", "must be a month, YYYY-MM.");
        if (ToMonth is not null && MonthText.FirstDay(ToMonth) is null) errors.Add("toMonth", "must be a month, YYYY-MM.");
        errors.Required("reason", Reason, 500);
        errors.Version(Version);
    }
}

/// <summary>一時停止の解除: from which month 振替 resumes, and the day it was asked.</summary>
public sealed record DirectDebitResumeRequest(string FromMonth, DateOnly ResumedOn, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (MonthText.FirstDay(FromMonth) is null) errors.Add("fromMonth", "must be a month, YYYY-MM.");
        errors.Version(Version);
    }
}

/// <summary>口座振替の終了: the last month drawn (終了年月), the day and 事由.</summary>
public sealed record DirectDebitEndRequest(string LastMonth, DateOnly EndedOn, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (MonthText.FirstDay(LastMonth) is null) errors.Add("lastMonth", "must be a month, YYYY-MM.");
        errors.Required("reason", Reason, 500);
        errors.Version(Version);
    }
}

/// <summary>The new 口座振替: its id, 顧客番号 (how bank files name it) and version.</summary>
public sealed record DirectDebitMandateCreated(Guid Id, string CustomerNumber, int Version) : CreationResponse($"/api/direct-debit-mandates/{Id}");

public static class DirectDebitMandateEndpoints
{
    /// <summary>
    /// 口座振替の申込 for a payer. A 口座振替 still running from the new 開始年月 is ended with the month before (口座変更), so
    /// a payer is drawn from one account at a time.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/payers/{payerId}/direct-debit-mandates", OperationId = "RegisterDirectDebitMandate")]
    public static async Task<DirectDebitMandateCreated> Register(Guid payerId, DirectDebitMandateRequest request, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        DateChecks.NotInFuture(request.AppliedOn, clock, "appliedOn");
        if (await session.LoadAsync<Person>(payerId, ct) is null)
            throw new DomainRuleException("mandate.unknown-payer", "The payer (納入義務者) is not a registered person.", "payerId");
        var start = MonthText.FirstDay(request.StartMonth)!.Value;
        var customerNumber = $"{await session.NextAsync(DirectDebitStoreConfiguration.CustomerNumberSequence, ct):D20}";
        var registered = DirectDebitMandate.Register(payerId, customerNumber, request.AppliedOn, start, MonthText.FirstDay(request.EndMonth), request.Account.ToAccount(),
            request.Subjects);
        foreach (var running in await session.Query<DirectDebitMandate>().Where(m => m.PayerId == payerId && m.EndReason == null).ToListAsync(ct))
            if (running.EndMonth is null || running.EndMonth >= start)
                session.Events.Append(running.Id, running.Version + 1, running.End(start.AddMonths(-1), request.AppliedOn, $"口座変更 (新しい依頼書 {customerNumber})"));
        session.Events.StartStream<DirectDebitMandate>(registered.MandateId, registered);
        return new DirectDebitMandateCreated(registered.MandateId, customerNumber, 1);
    }

    /// <summary>A payer's 口座振替, newest first: account, 開始/終了年月, 停止期間.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/payers/{payerId}/direct-debit-mandates", OperationId = "ListDirectDebitMandates")]
    public static async Task<IReadOnlyList<DirectDebitMandate>> List(Guid payerId, IQuerySession session, CancellationToken ct)
    {
        await session.RequirePersonAsync(payerId, "payer", ct);
        return [.. (await session.Query<DirectDebitMandate>().Where(m => m.PayerId == payerId).ToListAsync(ct))
            .OrderByDescending(m => m.StartMonth).ThenByDescending(m => m.AppliedOn)];
    }

    /// <summary>One 口座振替.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/direct-debit-mandates/{id}", OperationId = "GetDirectDebitMandate")]
    public static async Task<DirectDebitMandate> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<DirectDebitMandate>(id, ct) ?? throw new NotFoundException($"No 口座振替 {id}.");

    /// <summary>A 口座振替's events with who recorded them.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/direct-debit-mandates/{id}/history", OperationId = "GetDirectDebitMandateHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<DirectDebitMandate>(id, ct);

    /// <summary>一時停止 for a 停止期間 of whole months.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/direct-debit-mandates/{id}/pause", OperationId = "PauseDirectDebit")]
    public static (UpdatedAggregate, Events) Pause(DirectDebitPauseRequest request, [WriteAggregate] DirectDebitMandate mandate) =>
        (new UpdatedAggregate(), [mandate.AtVersion(request.Version).Pause(MonthText.FirstDay(request.FromMonth)!.Value, MonthText.FirstDay(request.ToMonth),
            request.RequestedOn, request.Reason.Trim())]);

    /// <summary>解除 of a 一時停止 from a month.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/direct-debit-mandates/{id}/resumption", OperationId = "ResumeDirectDebit")]
    public static (UpdatedAggregate, Events) Resume(DirectDebitResumeRequest request, [WriteAggregate] DirectDebitMandate mandate) =>
        (new UpdatedAggregate(), [mandate.AtVersion(request.Version).Resume(MonthText.FirstDay(request.FromMonth)!.Value, request.ResumedOn)]);

    /// <summary>終了 of a 口座振替 after a month (廃止の届出, 口座解約).</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/direct-debit-mandates/{id}/end", OperationId = "EndDirectDebit")]
    public static (UpdatedAggregate, Events) End(DirectDebitEndRequest request, [WriteAggregate] DirectDebitMandate mandate) =>
        (new UpdatedAggregate(), [mandate.AtVersion(request.Version).End(MonthText.FirstDay(request.LastMonth)!.Value, request.EndedOn, request.Reason.Trim())]);
}
