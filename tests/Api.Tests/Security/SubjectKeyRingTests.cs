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
}
