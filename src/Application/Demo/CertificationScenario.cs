namespace KosodateShien.Application.Demo;

/// <summary>The life a demo certification has had by <c>today</c>.</summary>
internal enum CertificationScenario
{
    /// <summary>申請受付, 未提出書類 outstanding.</summary>
    AwaitingDocuments,
    /// <summary>申請受付, complete, well within the 30-day limit.</summary>
    AwaitingDecision,
    /// <summary>申請受付, a week or less left before the 30-day limit.</summary>
    NearDeadline,
    /// <summary>申請受付 past the 30-day limit; the first one or two carry an 延期通知.</summary>
    Overdue,
    /// <summary>認定済 with 認定証, sometimes 再交付, 現況届 and the 満3歳 change.</summary>
    Certified,
    /// <summary>認定済, then 変更 (hours, 育児休業, 求職→就労).</summary>
    Changed,
    /// <summary>却下.</summary>
    Rejected,
    /// <summary>取下.</summary>
    Withdrawn,
    /// <summary>認定済, then 取消 (事由消滅, 辞退), the 認定証 sometimes returned.</summary>
    Cancelled,
    /// <summary>認定済, then 取消 on the household's 転出.</summary>
    CancelledOnMoveOut,
    /// <summary>申請, then 取下 on the household's 転出.</summary>
    WithdrawnOnMoveOut,
}

internal static class CertificationScenarios
{
    /// <summary>Share of children with a certification stream at all.</summary>
    public const double ChildrenWithCertification = 0.90;

    public static IReadOnlyList<(CertificationScenario Item, double Weight)> Resident { get; } =
    [
        (CertificationScenario.Certified, 0.68),
        (CertificationScenario.Changed, 0.06),
        (CertificationScenario.Cancelled, 0.05),
        (CertificationScenario.Withdrawn, 0.04),
        (CertificationScenario.Rejected, 0.03),
        (CertificationScenario.AwaitingDocuments, 0.03),
        (CertificationScenario.AwaitingDecision, 0.035),
        (CertificationScenario.NearDeadline, 0.01),
        (CertificationScenario.Overdue, 0.002),
    ];

    public static IReadOnlyList<(CertificationScenario Item, double Weight)> MovedOut { get; } =
    [
        (CertificationScenario.CancelledOnMoveOut, 0.75),
        (CertificationScenario.WithdrawnOnMoveOut, 0.25),
    ];
}
