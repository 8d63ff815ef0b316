using System.Collections.Concurrent;
using System.Reflection;
using KosodateShien.Domain.Common;
using Marten;
using Marten.Services;

namespace KosodateShien.Projections.Privacy;

/// <summary>
/// Before a unit of work is written, makes the keys of the data subjects its events name (a new household and its members) in
/// one round trip. Without it the serializer, which asks for keys synchronously while writing, would make each new subject's
/// key on its own: a connection, an insert and a read per person, blocking a thread each time.
/// </summary>
public sealed class SubjectKeysBeforeSaving(SubjectKeyRing keys) : DocumentSessionListenerBase
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> SubjectProperties = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var subjects = session.PendingChanges.Streams().SelectMany(s => s.Events).SelectMany(e => SubjectsOf(e.Data)).ToHashSet();
        subjects.Remove(Guid.Empty);
        return subjects.Count == 0 ? Task.CompletedTask : keys.EnsureAsync(subjects, token);
    }

    private static IEnumerable<Guid> SubjectsOf(object data) =>
        SubjectProperties.GetOrAdd(data.GetType(), type => [.. type.GetProperties().Where(p => p.PropertyType == typeof(Guid) && p.IsDefined(typeof(DataSubjectAttribute)))])
            .Select(p => (Guid)p.GetValue(data)!);
}
