using KosodateShien.Domain.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>The wording staff would enter: 書類名, 理由 for 却下・取下・取消・延期・変更・再交付・返還.</summary>
internal static class DemoCertificationTexts
{
    public static IReadOnlyList<string> GeneralDocuments { get; } = ["マイナンバー確認書類の写し", "本人確認書類の写し", "課税証明書"];

    public static IReadOnlyList<string> WithdrawalReasons { get; } =
    [
        "幼稚園への入園が決まったため", "育児休業を延長するため", "認可外保育施設を利用するため", "家庭での保育に変更するため", "保護者の都合により",
    ];

    public static IReadOnlyList<string> CancellationReasons { get; } =
    [
        "保育の必要性の事由消滅 (退職)", "保護者からの辞退届 (幼稚園への入園)", "保護者からの辞退届 (家庭保育への変更)", "保育の必要性の事由消滅 (就労時間の短縮)",
    ];

    public const string MoveOutCancellation = "区外転出のため";
    public const string MoveOutWithdrawal = "区外転出のため申請を取下げ";
    public const string Postponement = "申請内容の確認に時間を要するため (法20条6項ただし書)";
    public const string LostCertificate = "紛失による再交付";
    public const string ChangedCertificate = "認定内容の変更に伴う再交付";
    public const string AgeThreeCertificate = "3号認定から2号認定への変更に伴う再交付";
    public const string ReturnedAfterCancellation = "認定取消に伴う返還";

    /// <summary>The proof a 保育の必要性 事由 needs.</summary>
    public static string DocumentFor(CareNeedReason reason) => reason switch
    {
        CareNeedReason.Employment => "就労証明書",
        CareNeedReason.Pregnancy => "母子健康手帳の写し",
        CareNeedReason.Illness => "診断書",
        CareNeedReason.Care => "介護・看護の状況申告書",
        CareNeedReason.Disaster => "り災証明書",
        CareNeedReason.JobSeeking => "求職活動状況申告書",
        CareNeedReason.Study => "在学証明書",
        CareNeedReason.Abuse => "関係機関の意見書",
        CareNeedReason.ParentalLeave => "育児休業取得証明書",
        _ => "保育の必要性に関する申立書",
    };

    public static string BelowMinimumHoursRejection(CertificationRuleSet rules) =>
        $"保育の必要性の認定基準を満たさないため (就労時間が月{rules.MinimumMonthlyHours}時間未満)";

    public static string MissingDocumentsRejection(IEnumerable<string> documents) =>
        $"提出期限までに必要書類 ({string.Join("、", documents)}) が提出されなかったため";
}
