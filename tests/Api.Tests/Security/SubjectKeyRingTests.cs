using KosodateShien.Projections.Privacy;

namespace KosodateShien.Api.Tests.Security;

/// <summary>The key table as two nodes see it: a key made by one opens on the other, and an erasure on one reaches the other at its next check.</summary>
public sealed class SubjectKeyRingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task an_erasure_on_one_node_closes_the_key_on_another_at_its_next_check_and_no_new_key_is_made()
    {
        string connection;
        await using (var open = Store.Storage.Database.CreateConnection()) connection = open.ConnectionString;
        using var first = new SubjectKeyRing(connection, AppFixture.Schema, MasterKey.Development, TimeSpan.Zero);
        using var second = new SubjectKeyRing(connection, AppFixture.Schema, MasterKey.Development, TimeSpan.Zero);
        var subject = Guid.NewGuid();

        var sealedName = PersonalDataCipher.Seal(subject, first.KeyFor(subject), "鍵 太郎");
        PersonalDataCipher.Open(subject, second.Find(subject).ShouldNotBeNull(), sealedName).ShouldBe("鍵 太郎");

        var shredded = await first.ShredAsync(subject, Guid.NewGuid(), CancellationToken.None);
        shredded.Fingerprint.ShouldNotBeNull().Length.ShouldBe(32);
        second.Find(subject).ShouldBeNull();
        Should.Throw<SubjectErasedException>(() => second.KeyFor(subject));
        using var third = new SubjectKeyRing(connection, AppFixture.Schema, MasterKey.Development);
        Should.Throw<SubjectErasedException>(() => third.KeyFor(subject));
        (await first.ShredAsync(subject, Guid.NewGuid(), CancellationToken.None)).ShouldBe(shredded, "a second erasure changes nothing");
    }

    [Fact]
    public async Task keys_made_together_open_on_another_node_keep_another_nodes_key_and_none_is_made_for_an_erased_subject()
    {
        string connection;
        await using (var open = Store.Storage.Database.CreateConnection()) connection = open.ConnectionString;
        using var first = new SubjectKeyRing(connection, AppFixture.Schema, MasterKey.Development, TimeSpan.Zero);
        using var second = new SubjectKeyRing(connection, AppFixture.Schema, MasterKey.Development, TimeSpan.Zero);
        var (made, other, erased) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var otherSealed = PersonalDataCipher.Seal(other, second.KeyFor(other), "先行 花子");
        second.KeyFor(erased);
        await second.ShredAsync(erased, Guid.NewGuid(), CancellationToken.None);

        await first.EnsureAsync([made, other, erased], CancellationToken.None);

        PersonalDataCipher.Open(made, second.Find(made).ShouldNotBeNull(), PersonalDataCipher.Seal(made, first.KeyFor(made), "一括 太郎")).ShouldBe("一括 太郎");
        PersonalDataCipher.Open(other, first.Find(other).ShouldNotBeNull(), otherSealed).ShouldBe("先行 花子", "the key another node made first is kept");
        first.Find(erased).ShouldBeNull();
        Should.Throw<SubjectErasedException>(() => first.KeyFor(erased));
    }
}
