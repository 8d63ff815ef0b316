using JasperFx.Events;
using KosodateShien.Projections.Allocation;
using KosodateShien.Projections.Analytics;
using KosodateShien.Projections.Audit;
using KosodateShien.Projections.Certification;
using KosodateShien.Projections.Charges;
using KosodateShien.Projections.Collection;
using KosodateShien.Projections.Contracts;
using KosodateShien.Projections.ExtendedCare;
using KosodateShien.Projections.Facilities;
using KosodateShien.Projections.FacilityPayments;
using KosodateShien.Projections.Privacy;
using KosodateShien.Projections.Registry;
using Marten;
using Weasel.Core;

namespace KosodateShien.Projections;

/// <summary>
/// The one Marten configuration every host uses (the API, the replay tool, tests), so events and
/// read models are stored the same way everywhere.
/// </summary>
public static class KosodateStore
{
    public const string DefaultSchema = "kosodate";

    /// <param name="masterKey">wraps the personal-data keys; the development key when not given (see <see cref="MasterKey"/>)</param>
    /// <param name="pseudonyms">the analysts' tables' key (<see cref="Pseudonyms.KeySetting"/>); the development key when null</param>
    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema, MasterKey? masterKey = null, Pseudonyms? pseudonyms = null)
    {
        opts.Connection(Pooled(connectionString));
        // Marten replays a commit that failed on a deadlock or serialization failure in a fresh transaction. Our commands
        // lock their streams and may write on the session's connection in their own transaction (StreamLocks, subject keys,
        // an Idempotency-Key): a replay would commit the batch without those, decided on locks no longer held. The request
        // fails instead (409 version.conflict) and the client sends it again, with its Idempotency-Key when it has one.
        opts.ConfigureWritePolly(_ => { });
        opts.DatabaseSchemaName = schema;
        opts.Events.DatabaseSchemaName = schema;

        // Decided before the first row is written (STACK.md G4): camelCase JSON, enums as strings.
        var serializer = new BufferedJsonSerializer { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };
        opts.ConfigurePersonalData(serializer, connectionString, masterKey ?? MasterKey.Development);
        opts.Serializer(serializer);
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;

        // Audit: every event records who (user_name), and the request it came from (correlation/causation).
        opts.Events.MetadataConfig.EnableAll();
        opts.Events.MetadataConfig.UserNameEnabled = true;

        // A projection that cannot apply an event is a bug to surface, never to skip silently.
        opts.Projections.Errors.SkipApplyErrors = false;
        opts.Projections.RebuildErrors.SkipApplyErrors = false;

        opts.ConfigureRegistry();
        opts.ConfigureCertification();
        opts.ConfigureFacilities();
        opts.ConfigureFacilityPayments();
        opts.ConfigureAllocation();
        opts.ConfigureContracts();
        opts.ConfigureExtendedCare();
        opts.ConfigureCharges();
        opts.ConfigureCollection();
        opts.ConfigureDirectDebit();
        opts.ConfigureAccessLog();
        opts.ConfigureAccessFindings();
        opts.ConfigureReceiptImports();
        opts.ConfigureErasures();
        opts.ConfigureAnalytics(pseudonyms ?? Pseudonyms.Development);
        opts.Schema.For<Domain.Fees.FeeRuleSet>().Index(x => x.Name);
        opts.Storage.ExtendedSchemaObjects.Add(IdempotencyTable.Definition(schema));
    }

    /// <summary>
    /// The service's connections keep their session between uses and prepare the statements they run again and again (unless
    /// the connection string says otherwise): Npgsql otherwise sends DISCARD ALL on every return to the pool, which also
    /// throws away the prepared statements, so each command's SQL is parsed and planned anew. Nothing here leaves session
    /// state behind (locks and settings are transaction-local; the one session-level advisory lock is released explicitly).
    /// </summary>
    public static string Pooled(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!given.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 100;
        return builder.ConnectionString;
    }
}
