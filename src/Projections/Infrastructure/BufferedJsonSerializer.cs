using System.Data.Common;
using Marten.Services;
using Weasel.Storage;

namespace KosodateShien.Projections;

/// <summary>
/// Marten's System.Text.Json serializer, except that a document read asynchronously is deserialized from the row Npgsql has
/// already buffered in one synchronous pass, as Marten's synchronous read does. Marten's asynchronous read deserializes from a
/// stream with System.Text.Json's resumable reader, which costs about twice the CPU; a month's fee run reads a few hundred
/// thousand documents, and that difference was a third of its client time. Writing, and everything else, is Marten's own.
/// </summary>
public sealed class BufferedJsonSerializer : SystemTextJsonSerializer, IStorageSerializer
{
    // Every document and event starts from a clean slate: sealing personal data keeps per-thread state (Privacy.PersonalDataJson),
    // which a serialization that failed half-way could otherwise leave behind.
    string IStorageSerializer.ToJson(object? document)
    {
        Privacy.PersonalDataJson.Reset();
        return ToJson(document);
    }

    async ValueTask<T> IStorageSerializer.FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken)
    {
        await using var stream = await reader.GetFieldValueAsync<Stream>(index, cancellationToken).ConfigureAwait(false);
        return FromJson<T>(stream);
    }

    async ValueTask<object> IStorageSerializer.FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken)
    {
        await using var stream = await reader.GetFieldValueAsync<Stream>(index, cancellationToken).ConfigureAwait(false);
        return FromJson(type, stream);
    }
}
