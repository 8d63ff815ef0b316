using System.Security.Cryptography;
using KosodateShien.Projections.Privacy;

namespace KosodateShien.Application.Tests.Privacy;

public class PersonalDataCipherTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly SubjectKey Key = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void a_sealed_text_names_its_subject_hides_the_text_and_opens_with_the_key_only()
    {
        var sealedText = PersonalDataCipher.Seal(Subject, Key, "山田 花子");
        sealedText.ShouldNotContain("山田");
        PersonalDataCipher.TryReadSubject(sealedText, out var subject).ShouldBeTrue();
        subject.ShouldBe(Subject);
        PersonalDataCipher.Open(Subject, Key, sealedText).ShouldBe("山田 花子");

        PersonalDataCipher.Open(Subject, new SubjectKey(RandomNumberGenerator.GetBytes(32)), sealedText).ShouldBeNull("another key");
        PersonalDataCipher.Open(Guid.NewGuid(), Key, sealedText).ShouldBeNull("the subject is bound in as associated data");
        var tampered = sealedText[..^2] + (sealedText[^2] == 'A' ? "B" : "A") + sealedText[^1];
        PersonalDataCipher.Open(Subject, Key, tampered).ShouldBeNull();
    }

    [Fact]
    public void the_same_text_seals_alike_under_one_key_so_rebuilt_read_models_compare_equal()
    {
        PersonalDataCipher.Seal(Subject, Key, "ヤマダ ハナコ").ShouldBe(PersonalDataCipher.Seal(Subject, Key, "ヤマダ ハナコ"));
        PersonalDataCipher.Seal(Subject, Key, "ヤマダ ハナコ").ShouldNotBe(PersonalDataCipher.Seal(Subject, Key, "ヤマダ タロウ"));
    }

    [Theory]
    [InlineData("山田 花子")]
    [InlineData("pd1:not-a-guid:abc")]
    [InlineData("")]
    public void plain_texts_are_not_taken_for_sealed_ones(string text) => PersonalDataCipher.TryReadSubject(text, out _).ShouldBeFalse();

    [Fact]
    public void production_refuses_to_start_without_a_master_key_of_32_bytes()
    {
        Should.Throw<InvalidOperationException>(() => MasterKey.From(null, production: true));
        Should.Throw<InvalidOperationException>(() => MasterKey.From(Convert.ToBase64String(new byte[16]), production: false)).Message.ShouldContain("32 bytes");
        MasterKey.From(null, production: false).IsDevelopmentKey.ShouldBeTrue();
        MasterKey.From(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), production: true).IsDevelopmentKey.ShouldBeFalse();
    }
}
