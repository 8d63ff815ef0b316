namespace KosodateShien.Application.Demo;

/// <summary>One event stream to write: id and its events in order.</summary>
public sealed record DemoStream(Guid Id, IReadOnlyList<object> Events);

/// <summary>
/// Generated demo data: every stream to append, how far the number sequences were used
/// (so the service can move its database sequences past them) and what was generated.
/// </summary>
/// <param name="CertificationNumbersUsed">the last 支給認定者番号 sequence value used (sequences start at 1)</param>
/// <param name="CertificateNumbersUsed">the last 認定証発行処理番号 sequence value used (sequences start at 1)</param>
public sealed record DemoDataSet(IReadOnlyList<DemoStream> Streams, long CertificationNumbersUsed, long CertificateNumbersUsed, DemoStatistics Statistics);

/// <summary>Counts of what a demo run generated. <see cref="CertificationsByState"/> is keyed by <c>CertificationStatus</c> name.</summary>
public sealed record DemoStatistics(int Households, int Persons, int Children, int Guardians, int TaxYears, int Certifications, IReadOnlyDictionary<string, int> CertificationsByState);

/// <summary>How much to generate: the default is about 6,000 children in about 4,500 households.</summary>
public sealed record DemoSize(int Households = 4500);
