using System.Runtime.CompilerServices;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace KosodateShien.Projections.Privacy;

public static class PrivacyStoreConfiguration
{
    private static readonly ConditionalWeakTable<StoreOptions, SubjectKeyRing> Rings = new();

    /// <summary>Seals personal data with per-subject keys (see <see cref="PersonalDataJson"/>) and adds the key tables to the schema.</summary>
    public static void ConfigurePersonalData(this StoreOptions opts, Marten.Services.SystemTextJsonSerializer serializer, string connectionString, MasterKey master)
    {
        var keys = new SubjectKeyRing(connectionString, opts.DatabaseSchemaName, master);
        Rings.AddOrUpdate(opts, keys);
        serializer.Configure(new PersonalDataJson(keys).Configure);
        opts.Listeners.Add(new SubjectKeysBeforeSaving(keys));

        var keyTable = new Table(new PostgresqlObjectName(keys.Schema, "subject_keys", SchemaUtils.IdentifierUsage.General));
        keyTable.AddColumn<Guid>("subject_id").AsPrimaryKey();
        keyTable.AddColumn("wrapped_key", "bytea").NotNull();
        keyTable.AddColumn<DateTimeOffset>("created_at").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(keyTable);

        var erased = new Table(new PostgresqlObjectName(keys.Schema, "erased_subjects", SchemaUtils.IdentifierUsage.General));
        erased.AddColumn<Guid>("subject_id").AsPrimaryKey();
        erased.AddColumn<Guid>("erasure_id").NotNull();
        erased.AddColumn<string>("fingerprint");
        erased.AddColumn<DateTimeOffset>("key_created_at");
        erased.AddColumn<DateTimeOffset>("erased_at").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(erased);
    }

    /// <summary>The key ring of a store configured by <see cref="KosodateStore.Configure"/>.</summary>
    public static SubjectKeyRing PersonalDataKeys(this IDocumentStore store) =>
        Rings.TryGetValue((StoreOptions)store.Options, out var keys) ? keys : throw new InvalidOperationException("This store was not configured with personal-data keys.");
}
