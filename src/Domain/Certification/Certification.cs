using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Certification;

/// <summary>
/// 教育・保育給付認定: the write model of a certification stream, from 申請 to 取消.
/// Keeps what decisions need and what staff read on the detail screen.
/// </summary>
/// <param name="CertificationNumber">支給認定者番号 (set on approval)</param>
/// <param name="HistoryNumber">支給認定履歴番号: 1 on approval, +1 on every change</param>
/// <param name="FiscalYear">対象年度</param>
public sealed record Certification(
    Guid Id,
    Guid ChildId,
    Guid ApplicantId,
    Guid HouseholdId,
    CertificationStatus Status,
    ApplicationKind Kind,
    DateOnly ApplicationDate,
    int FiscalYear,
    bool WantsNurseryCare,
    DateOnly DesiredFrom,
    DateOnly? DesiredTo,
    IReadOnlyList<CareNeed> Needs,
    IReadOnlyList<string> MissingDocuments,
    DateOnly DecisionDueDate,
    string? CertificationNumber = null,
    CertificationCategory? Category = null,
    CareLevel? CareLevel = null,
    CareNeedReason? PrimaryReason = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null,
    DateOnly? ContinuesAsCategory2Until = null,
    int HistoryNumber = 0,
    DateOnly? DecisionDate = null,
    string? ClosingReason = null,
    DateOnly? ClosedOn = null,
    Certificate? Certificate = null,
    StatusReport? StatusReport = null,
    IReadOnlyList<CertifiedPeriod>? Periods = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>Still a case on the day: applied for and not yet decided, or certified for a period not over.</summary>
    public bool IsOpenOn(DateOnly day) => Status == CertificationStatus.Applied || Status == CertificationStatus.Certified && (ValidTo is null || ValidTo >= day);

    /// <summary>
    /// Every period the certification was in force with the category and care level it had then (認定履歴), oldest first;
    /// past months are judged on these, not on the current state. (Documents stored before periods were kept count their current period.)
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<CertifiedPeriod> History => Periods
        ?? (Status == CertificationStatus.Certified && Category is { } category ? [new CertifiedPeriod(ValidFrom!.Value, ValidTo!.Value, category, CareLevel, HistoryNumber)] : []);

    /// <summary>
    /// The period a month is judged on: the one in force on its first day (各月初日), so a change within the month counts
    /// from the next month; for a certification starting within the month, its first period.
    /// </summary>
    public CertifiedPeriod? PeriodInMonth(DateOnly month)
    {
        var end = JapaneseDates.EndOfMonth(month);
        return History.FirstOrDefault(p => p.From <= month && p.To >= month) ?? History.FirstOrDefault(p => p.From > month && p.From <= end);
    }

    /// <summary>
    /// Of all a child's certifications, the period a month is judged on (各月初日): among those in force on the first day the
    /// latest started; only when none is, the first to start within the month.
    /// </summary>
    public static CertifiedPeriod? PeriodInMonth(IEnumerable<Certification> certifications, DateOnly month)
    {
        var periods = certifications.Select(c => c.PeriodInMonth(month)).OfType<CertifiedPeriod>().ToList();
        return periods.Where(p => p.From <= month).MaxBy(p => p.From) ?? periods.MinBy(p => p.From);
    }

    /// <summary>The period in force on a day, if any.</summary>
    public CertifiedPeriod? PeriodOn(DateOnly day) => History.FirstOrDefault(p => p.From <= day && p.To >= day);

    private Certification WithPeriodFrom(DateOnly from, CertifiedPeriod? next)
    {
        var kept = History.Where(p => p.From < from).Select(p => p.To >= from ? p with { To = from.AddDays(-1) } : p);
        return this with { Periods = next is null ? [.. kept] : [.. kept, next] };
    }

    /// <summary>The day the child moves from 3号 to 2号 by itself, if that is still to come.</summary>
    public DateOnly? AgeThreeChangeDate => Status == CertificationStatus.Certified && Category == CertificationCategory.Category3 && ContinuesAsCategory2Until is not null
        ? ValidTo!.Value.AddDays(1)
        : null;

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(CertificateIssued),
        typeof(CertificateReissued),
        typeof(CertificateReturned),
        typeof(CertificationApplied),
        typeof(CertificationApproved),
        typeof(CertificationCancelled),
        typeof(CertificationCategoryChangedAtAgeThree),
        typeof(CertificationChanged),
        typeof(CertificationDecisionPostponed),
        typeof(CertificationRejected),
        typeof(CertificationWithdrawn),
        typeof(DocumentsReceived),
        typeof(MissingDocumentsRecorded),
        typeof(StatusReportIssued),
        typeof(StatusReportSubmitted),
    ];

    public static Certification? Evolve(Certification? state, object @event) => (state, @event) switch
    {
        (null, CertificationApplied e) => new Certification(e.CertificationId, e.ChildId, e.ApplicantId, e.HouseholdId, CertificationStatus.Applied, e.Kind,
            e.ApplicationDate, e.FiscalYear, e.WantsNurseryCare, e.DesiredFrom, e.DesiredTo, e.Needs, e.MissingDocuments, e.DecisionDueDate),
        (not null, MissingDocumentsRecorded e) => state with { MissingDocuments = [.. state.MissingDocuments.Union(e.Documents)] },
        (not null, DocumentsReceived e) => state with { MissingDocuments = [.. state.MissingDocuments.Except(e.Documents)] },
        (not null, CertificationDecisionPostponed e) => state with { DecisionDueDate = e.NewDueDate },
        (not null, CertificationApproved e) => state with
        {
            Status = CertificationStatus.Certified, CertificationNumber = e.CertificationNumber, Category = e.Category, CareLevel = e.CareLevel,
            PrimaryReason = e.PrimaryReason, ValidFrom = e.ValidFrom, ValidTo = e.ValidTo, ContinuesAsCategory2Until = e.ContinuesAsCategory2Until,
            DecisionDate = e.DecisionDate, HistoryNumber = e.HistoryNumber,
            Periods = [new CertifiedPeriod(e.ValidFrom, e.ValidTo, e.Category, e.CareLevel, e.HistoryNumber)],
        },
        (not null, CertificationRejected e) => state with { Status = CertificationStatus.Rejected, DecisionDate = e.DecisionDate, ClosingReason = e.Reason, ClosedOn = e.DecisionDate },
        (not null, CertificationWithdrawn e) => state with { Status = CertificationStatus.Withdrawn, ClosingReason = e.Reason, ClosedOn = e.WithdrawnOn },
        (not null, CertificationChanged e) => state.WithPeriodFrom(e.ValidFrom, new CertifiedPeriod(e.ValidFrom, e.ValidTo, e.Category, e.CareLevel, e.HistoryNumber)) with
        {
            Category = e.Category, CareLevel = e.CareLevel, PrimaryReason = e.PrimaryReason, ValidFrom = e.ValidFrom, ValidTo = e.ValidTo,
            ContinuesAsCategory2Until = e.ContinuesAsCategory2Until, HistoryNumber = e.HistoryNumber, Needs = e.Needs,
        },
        (not null, CertificationCategoryChangedAtAgeThree e) => state.WithPeriodFrom(e.ValidFrom, new CertifiedPeriod(e.ValidFrom, e.ValidTo, e.To, state.CareLevel, e.HistoryNumber)) with
        {
            Category = e.To, ValidFrom = e.ValidFrom, ValidTo = e.ValidTo, ContinuesAsCategory2Until = null, HistoryNumber = e.HistoryNumber,
        },
        (not null, CertificationCancelled e) => state.WithPeriodFrom(e.CancellationDate, null) with { Status = CertificationStatus.Cancelled, ClosingReason = e.Reason, ClosedOn = e.CancellationDate },
        (not null, CertificateIssued e) => state with { Certificate = new Certificate(e.IssueNumber, e.IssuedOn, e.IssueCount, null) },
        (not null, CertificateReissued e) => state with { Certificate = new Certificate(e.IssueNumber, e.IssuedOn, e.IssueCount, null) },
        (not null, CertificateReturned e) => state with { Certificate = state.Certificate! with { ReturnedOn = e.ReturnedOn } },
        (not null, StatusReportIssued e) => state with { StatusReport = new StatusReport(e.FiscalYear, StatusReportState.Issued, e.IssuedOn, null) },
        (not null, StatusReportSubmitted e) => state with { StatusReport = state.StatusReport! with { State = StatusReportState.Submitted, SubmittedOn = e.SubmittedOn } },
        _ => state,
    };

    // ---- 申請 -------------------------------------------------------------------------------

    public static CertificationApplied Apply(
        Guid id, Guid childId, Guid applicantId, Guid householdId, DateOnly applicationDate, ApplicationKind kind, bool wantsNurseryCare,
        DateOnly desiredFrom, DateOnly? desiredTo, IReadOnlyList<CareNeed> needs, IReadOnlyList<string> missingDocuments,
        bool disclosureConsent, CertificationRuleSet rules)
    {
        if (desiredTo is { } to && to < desiredFrom)
            throw new DomainRuleException("certification.desired-period", $"desiredTo {to:yyyy-MM-dd} is before desiredFrom {desiredFrom:yyyy-MM-dd}.", "desiredTo");
        if (!wantsNurseryCare && needs.Count > 0)
            throw new DomainRuleException("certification.needs-without-care", "Needs were given but wantsNurseryCare is false (保育希望なし).", "needs");
        var dueDate = applicationDate.AddDays(rules.DecisionDeadlineDays);
        // 対象年度 is the 年度 the certification starts in: the requested start, or the application date if that is later.
        var start = desiredFrom > applicationDate ? desiredFrom : applicationDate;
        return new CertificationApplied(id, childId, applicantId, householdId, applicationDate, JapaneseDates.FiscalYearOf(start), kind, wantsNurseryCare,
            desiredFrom, desiredTo, needs, [.. missingDocuments.Distinct()], disclosureConsent, dueDate, rules.Id, rules.Version);
    }

    public MissingDocumentsRecorded RecordMissingDocuments(IReadOnlyList<string> documents, DateOnly recordedOn)
    {
        RequireStatus(CertificationStatus.Applied, "record missing documents");
        if (documents.Count == 0) throw new DomainRuleException("certification.documents-empty", "Name at least one document.", "documents");
        return new MissingDocumentsRecorded(Id, [.. documents.Distinct()], recordedOn);
    }

    public DocumentsReceived ReceiveDocuments(IReadOnlyList<string> documents, DateOnly receivedOn)
    {
        RequireStatus(CertificationStatus.Applied, "receive documents");
        if (documents.Count == 0) throw new DomainRuleException("certification.documents-empty", "Name at least one document.", "documents");
        var unknown = documents.Except(MissingDocuments).ToList();
        if (unknown.Count > 0)
            throw new DomainRuleException("certification.document-not-missing", $"'{unknown[0]}' is not among the missing documents ({string.Join(", ", MissingDocuments)}).", "documents");
        return new DocumentsReceived(Id, [.. documents.Distinct()], receivedOn);
    }

    public CertificationDecisionPostponed Postpone(DateOnly noticeDate, DateOnly newDueDate, string reason)
    {
        RequireStatus(CertificationStatus.Applied, "postpone the decision");
        RequireReason(reason);
        // 法20条6項ただし書: the postponement is notified within the 30 days, not after they have run out.
        if (noticeDate > DecisionDueDate)
            throw new DomainRuleException("certification.postpone-too-late", $"The 延期通知 must be given by the decision due date {DecisionDueDate:yyyy-MM-dd}.", "noticeDate");
        if (noticeDate < ApplicationDate)
            throw new DomainRuleException("certification.postpone-before-application", $"The 延期通知 date is before the application date {ApplicationDate:yyyy-MM-dd}.", "noticeDate");
        if (newDueDate <= DecisionDueDate)
            throw new DomainRuleException("certification.postpone-earlier", $"The new due date must be after the current one ({DecisionDueDate:yyyy-MM-dd}).", "newDueDate");
        return new CertificationDecisionPostponed(Id, noticeDate, newDueDate, reason);
    }

    // ---- 決定 -------------------------------------------------------------------------------

    /// <summary>The date a new certification would start: the requested start, not before the application.</summary>
    public DateOnly StartDate => DesiredFrom > ApplicationDate ? DesiredFrom : ApplicationDate;

    public CertificationApproved Approve(DateOnly decisionDate, string certificationNumber, Assessment assessment)
    {
        RequireStatus(CertificationStatus.Applied, "approve");
        RequireDecisionNotBeforeApplication(decisionDate);
        if (MissingDocuments.Count > 0)
            throw new DomainRuleException("certification.documents-missing", $"Documents are still missing: {string.Join(", ", MissingDocuments)}.");
        return new CertificationApproved(Id, certificationNumber, assessment.Category, assessment.CareLevel, assessment.PrimaryReason,
            assessment.ValidFrom, assessment.ValidTo, assessment.ContinuesAsCategory2Until, decisionDate, 1, assessment.Basis);
    }

    public CertificationRejected Reject(DateOnly decisionDate, string reason)
    {
        RequireStatus(CertificationStatus.Applied, "reject");
        RequireDecisionNotBeforeApplication(decisionDate);
        RequireReason(reason);
        return new CertificationRejected(Id, decisionDate, reason);
    }

    public CertificationWithdrawn Withdraw(DateOnly withdrawnOn, string reason)
    {
        RequireStatus(CertificationStatus.Applied, "withdraw");
        RequireReason(reason);
        return new CertificationWithdrawn(Id, withdrawnOn, reason);
    }

    // ---- 変更・取消 ---------------------------------------------------------------------------

    public CertificationChanged Change(DateOnly changeDate, string reason, IReadOnlyList<CareNeed> needs, Assessment assessment)
    {
        RequireStatus(CertificationStatus.Certified, "change");
        RequireReason(reason);
        if (changeDate < ValidFrom || changeDate > ValidTo)
            throw new DomainRuleException("certification.change-outside-period", $"The change date must fall within the current period {ValidFrom:yyyy-MM-dd} – {ValidTo:yyyy-MM-dd}.", "changeDate");
        return new CertificationChanged(Id, changeDate, reason, assessment.Category, assessment.CareLevel, assessment.PrimaryReason,
            assessment.ValidFrom, assessment.ValidTo, assessment.ContinuesAsCategory2Until, HistoryNumber + 1, needs, assessment.Basis);
    }

    /// <summary>3号→2号 on 満3歳に達する日. Returns nothing if the change is not (or no longer) due: safe to run twice.</summary>
    public IReadOnlyList<object> ChangeAtAgeThree(DateOnly today)
    {
        if (AgeThreeChangeDate is not { } changeDate || today < changeDate) return [];
        return [new CertificationCategoryChangedAtAgeThree(Id, changeDate, CertificationCategory.Category3, CertificationCategory.Category2,
            changeDate, ContinuesAsCategory2Until!.Value, HistoryNumber + 1)];
    }

    public CertificationCancelled Cancel(DateOnly cancellationDate, string reason)
    {
        RequireStatus(CertificationStatus.Certified, "cancel");
        RequireReason(reason);
        if (cancellationDate < DecisionDate)
            throw new DomainRuleException("certification.cancel-before-decision", $"The cancellation date is before the decision of {DecisionDate:yyyy-MM-dd}.", "cancellationDate");
        return new CertificationCancelled(Id, cancellationDate, reason);
    }

    // ---- 認定証 -----------------------------------------------------------------------------

    public CertificateIssued IssueCertificate(DateOnly issuedOn, string issueNumber)
    {
        RequireStatus(CertificationStatus.Certified, "issue a certificate");
        if (Certificate is { ReturnedOn: null })
            throw new DomainRuleException("certificate.already-issued", $"Certificate {Certificate.IssueNumber} is already out; reissue it instead.", "action");
        return new CertificateIssued(Id, issueNumber, issuedOn, (Certificate?.IssueCount ?? 0) + 1);
    }

    public CertificateReissued ReissueCertificate(DateOnly issuedOn, string issueNumber, string reason)
    {
        RequireStatus(CertificationStatus.Certified, "reissue a certificate");
        RequireReason(reason);
        if (Certificate is not { ReturnedOn: null } current)
            throw new DomainRuleException("certificate.not-issued", "No certificate is out to reissue; issue one instead.", "action");
        return new CertificateReissued(Id, issueNumber, issuedOn, current.IssueCount + 1, reason);
    }

    public CertificateReturned ReturnCertificate(DateOnly returnedOn, string reason)
    {
        RequireReason(reason);
        if (Certificate is not { ReturnedOn: null } current)
            throw new DomainRuleException("certificate.not-issued", "No certificate is out to return.", "action");
        if (returnedOn < current.IssuedOn)
            throw new DomainRuleException("certificate.returned-before-issue", $"The return date is before the issue date {current.IssuedOn:yyyy-MM-dd}.", "date");
        return new CertificateReturned(Id, returnedOn, reason);
    }

    // ---- 現況届 -----------------------------------------------------------------------------

    public StatusReportIssued IssueStatusReport(DateOnly issuedOn)
    {
        RequireStatus(CertificationStatus.Certified, "issue a 現況届");
        if (StatusReport is { State: StatusReportState.Issued })
            throw new DomainRuleException("status-report.outstanding", $"The 現況届 issued on {StatusReport.IssuedOn:yyyy-MM-dd} has not come back yet.", "action");
        return new StatusReportIssued(Id, JapaneseDates.FiscalYearOf(issuedOn), issuedOn);
    }

    public StatusReportSubmitted SubmitStatusReport(DateOnly submittedOn)
    {
        if (StatusReport is not { State: StatusReportState.Issued } report)
            throw new DomainRuleException("status-report.not-issued", "No 現況届 is waiting to be submitted.", "action");
        if (submittedOn < report.IssuedOn)
            throw new DomainRuleException("status-report.before-issue", $"The submission date is before the issue date {report.IssuedOn:yyyy-MM-dd}.", "date");
        return new StatusReportSubmitted(Id, report.FiscalYear, submittedOn);
    }

    private void RequireStatus(CertificationStatus expected, string action)
    {
        if (Status != expected)
            throw new DomainRuleException($"certification.not-{expected.ToString().ToLowerInvariant()}", $"Cannot {action}: the certification is {Status}, not {expected}.");
    }

    private void RequireDecisionNotBeforeApplication(DateOnly decisionDate)
    {
        if (decisionDate < ApplicationDate)
            throw new DomainRuleException("certification.decision-before-application", $"The decision date is before the application date {ApplicationDate:yyyy-MM-dd}.", "decisionDate");
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("reason-required", "A reason is required.", "reason");
    }
}
