namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>
/// The path checks on their own, for inputs that Kestrel normalises before they reach the stage
/// over a socket.
/// </summary>
public sealed class FilePathRulesTests
{
    [Theory]
    [InlineData("/css/app.css")]
    [InlineData("/a/b/c.d.e")]
    [InlineData("/name with spaces.txt")]
    [InlineData("/100%25.txt")]
    public void Check_PlainPath_IsValid(string subpath) =>
        Assert.Equal(FilePathVerdict.Valid, FilePathRules.Check(subpath));

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/css/../../secret.txt")]
    [InlineData("/./app.css")]
    [InlineData("/css/..")]
    [InlineData("//etc/passwd")]
    [InlineData("/css//app.css")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/..%2Fsecret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/app.css\0.txt")]
    [InlineData("/app%00.css")]
    [InlineData("/app\n.css")]
    [InlineData("css/app.css")]
    [InlineData("")]
    public void Check_EscapeAttempt_IsMalformed(string subpath) =>
        Assert.Equal(FilePathVerdict.Malformed, FilePathRules.Check(subpath));

    [Theory]
    [InlineData("/")]
    [InlineData("/css/")]
    [InlineData("/.hidden")]
    [InlineData("/.git/config")]
    public void Check_DirectoryOrHiddenName_IsNotFound(string subpath) =>
        Assert.Equal(FilePathVerdict.NotFound, FilePathRules.Check(subpath));

    [Fact]
    public void Check_OverlongSegment_IsNotFound() =>
        Assert.Equal(FilePathVerdict.NotFound, FilePathRules.Check("/" + new string('a', FilePathRules.MaxSegmentLength + 1)));

    [Fact]
    public void Check_LongestSegment_IsValid() =>
        Assert.Equal(FilePathVerdict.Valid, FilePathRules.Check("/" + new string('a', FilePathRules.MaxSegmentLength)));

    [Fact]
    public void Check_OverlongPath_IsNotFound() =>
        Assert.Equal(FilePathVerdict.NotFound, FilePathRules.Check(string.Concat(Enumerable.Repeat("/abc", (FilePathRules.MaxPathLength / 4) + 1))));
}
