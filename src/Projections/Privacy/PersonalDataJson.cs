using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KosodateShien.Domain.Common;

namespace KosodateShien.Projections.Privacy;

/// <summary>
/// Teaches the store's JSON serializer to seal every <see cref="PersonalDataAttribute"/> text with the key of the nearest
/// <see cref="DataSubjectAttribute">data subject</see> around it, and to open sealed texts on reading (an erased subject's read as
/// <see cref="PersonalData.Erased"/>). Events and documents alike, so no personal data reaches a table in plaintext.
/// </summary>
/// <remarks>
/// The subject is found on the way down: a record naming its subject pushes it before its properties are written and pops it after.
/// Marten serializes a document or an event to a string in one synchronous call, so a thread-local stack is enough; the store's
/// serializer resets it before each one.
/// </remarks>
public sealed class PersonalDataJson(SubjectKeyRing keys)
{
    [ThreadStatic] private static Stack<Guid>? _subjects;
    private static readonly AsyncLocal<bool> _keptSealed = new();
    private readonly SealedTextConverter _converter = new(keys);

    /// <summary>Forgets any subject left by a serialization that failed half-way; called before each document or event is written.</summary>
    public static void Reset() => _subjects?.Clear();

    /// <summary>
    /// Until disposed, this flow of work reads sealed texts as they are stored instead of opening them (an erased subject's still
    /// read as <see cref="PersonalData.Erased"/>), and a sealed text is written back as it is. For work that carries personal data
    /// from one record to another without reading it: the 振替結果 import writes the request's snapshot again with its results,
    /// 60,000 accounts it has no use for, which it would otherwise open and seal again (the sealing is deterministic, so the
    /// stored text is the same either way). Only a sealed text that no longer opens (tampered) differs: it is kept as it is
    /// rather than read as erased.
    /// </summary>
    public static IDisposable KeepSealed()
    {
        var before = _keptSealed.Value;
        _keptSealed.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => _keptSealed.Value = before;
    }

    public void Configure(JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);

    private void Modify(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member) continue;
            if (member.IsDefined(typeof(PersonalDataAttribute)) && property.PropertyType == typeof(string))
                property.CustomConverter = _converter;
            if (member.IsDefined(typeof(DataSubjectAttribute)) && property.PropertyType == typeof(Guid) && property.Get is { } subjectOf)
            {
                var before = type.OnSerializing;
                var after = type.OnSerialized;
                type.OnSerializing = value => { before?.Invoke(value); (_subjects ??= new()).Push((Guid)subjectOf(value)!); };
                type.OnSerialized = value => { _subjects?.Pop(); after?.Invoke(value); };
            }
        }
    }

    private sealed class SealedTextConverter(SubjectKeyRing keys) : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null) return null;
            if (!_keptSealed.Value) return keys.Open(text);
            // Kept sealed: as stored, unless its subject has been erased.
            return PersonalDataCipher.TryReadSubject(text, out var subject) && keys.Find(subject) is null ? PersonalData.Erased : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            if (_subjects is not { Count: > 0 } subjects || subjects.Peek() == Guid.Empty || PersonalData.IsErased(value) || PersonalDataCipher.TryReadSubject(value, out _))
            {
                writer.WriteStringValue(value);
                return;
            }
            var subject = subjects.Peek();
            writer.WriteStringValue(PersonalDataCipher.Seal(subject, keys.KeyFor(subject), value));
        }
    }
}
