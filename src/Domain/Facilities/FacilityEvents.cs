using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Facilities;

/// <summary>施設・事業所の登録: 事業所番号, 名称, 種類, 住所, 開始日, 利用定員 by クラス年齢.</summary>
public sealed record FacilityRegistered(Guid FacilityId, string FacilityNumber, string Name, FacilityKind Kind, Address Address, DateOnly OpensOn, SeatsByAgeClass Capacity);

/// <summary>利用定員の変更 from a date.</summary>
public sealed record FacilityCapacityChanged(Guid FacilityId, SeatsByAgeClass Capacity, DateOnly EffectiveFrom, string Reason);

/// <summary>空き定員 (受入可能数) for a month, as the facility declares it for 利用調整. A later declaration for the same month replaces it.</summary>
public sealed record VacanciesDeclared(Guid FacilityId, DateOnly Month, SeatsByAgeClass Seats, DateOnly DeclaredOn);

/// <summary>施設・事業所の終了 (終了日, 理由).</summary>
public sealed record FacilityClosed(Guid FacilityId, DateOnly ClosesOn, string Reason);
