using Identities.Gateway.Auth;

namespace Identities.Gateway.Tests;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_OwnHash_AcceptsThePasswordOnly()
    {
        var hash = PasswordHasher.Hash("correct horse");
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("correct hors", hash));
    }

    [Fact]
    public void Verify_HashFromTheScript_IsAccepted()
    {
        // Made by `scripts/hash-password.sh <<< 'pw-123'`.
        const string fromScript = "pbkdf2-sha256$210000$wB3P7dTzSXUpgMYqdKbXAg==$LCgjjqo/15Lb0T4oV21YlIP+K88hTd+T815tpEXKKBE=";
        Assert.True(PasswordHasher.Verify("pw-123", fromScript));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$***$AAAA")]
    public void Verify_MalformedHash_IsFalse(string hash) => Assert.False(PasswordHasher.Verify("pw", hash));
}
