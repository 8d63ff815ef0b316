using KosodateShien.Application.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Projections.Contracts;
using KosodateShien.Projections.Registry;
using Marten;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// The fee run's bulk append of <see cref="FeeDetermined"/> and <see cref="ClassProgressed"/> to placement streams (see
/// <see cref="SnapshotBulkAppender{T}"/>): only the placement snapshot and the person memberships (which take no placement
/// events) may see them inline.
/// </summary>
public static class PlacementBulkAppender
{
    public static readonly BulkAppendSpec<Placement> Spec = new("mt_doc_placement", p => p.Id, WithVersion, Placement.Evolve, [typeof(PlacementProjection), typeof(PersonMembershipProjection)], Samples());

    public static Task<SnapshotBulkAppender<Placement>?> For(IDocumentStore store, CancellationToken ct) => SnapshotBulkAppender<Placement>.For(store, Spec, ct);

    public static bool OnlyThePlacementSnapshotHandlesPlacementEvents(StoreOptions options) => SnapshotBulkAppender<Placement>.OnlyKnownProjectionsHandle(options, Spec);

    private static Placement WithVersion(Placement placement, int version)
    {
        placement.Version = version;
        return placement;
    }

    private static object[] Samples()
    {
        var id = Guid.Empty;
        var quote = new Domain.Fees.ChildFee("", 0, "", null, 0, 0, 0, 0, 0, 0, 0, false,
            new Domain.Fees.FeeBasis("", 0, 0, null, false, false, false, default, "", [], null, 30, []));
        return [new FeeDetermined(id, default, 0, 0, default, default, FeeChangeReason.Monthly, null, null, quote), new ClassProgressed(id, 0, 0)];
    }
}
