using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.DockerLabels.Tests;

public sealed class ObjectNamingTests
{
    [Theory]
    [InlineData("My Outpost", "my-outpost")]
    [InlineData("  Outpost  ", "outpost")]
    [InlineData("Ünïcödé Outpost", "unicode-outpost")]
    [InlineData("a  --  b", "a-b")]
    [InlineData("_private_", "private")]
    [InlineData("-x-", "x")]
    [InlineData("Test.Name! (v2)", "testname-v2")]
    [InlineData("under_score", "under_score")]
    [InlineData("日本", "")]
    public void Slugify_Value_MatchesDjango(string value, string expected)
    {
        Assert.Equal(expected, ObjectNaming.Slugify(value));
    }

    [Fact]
    public void FormatName_DefaultTemplate_UsesSlugifiedName()
    {
        var outpost = TestOutposts.Managed("Proxy Outpost 1", "unix:///unused");

        Assert.Equal("ak-outpost-proxy-outpost-1", ObjectNaming.FormatName(outpost));
    }

    [Fact]
    public void FormatName_UuidAndUpperCase_IsLowerCased()
    {
        var uuid = Guid.Parse("0123ABCD-0000-4000-8000-00000000ABCD");
        var outpost = TestOutposts.Managed("X", "unix:///unused", configure: settings => settings with { ObjectNamingTemplate = "AK-%(uuid)s-%(name)s-100%%" }, uuid: uuid);

        Assert.Equal("ak-0123abcd00004000800000000000abcd-x-100%", ObjectNaming.FormatName(outpost));
    }

    [Fact]
    public void FormatName_UnknownPlaceholder_Throws()
    {
        var outpost = TestOutposts.Managed("X", "unix:///unused", configure: settings => settings with { ObjectNamingTemplate = "ak-%(type)s" });

        var exception = Assert.Throws<FormatException>(() => ObjectNaming.FormatName(outpost));

        Assert.Equal(
            "object_naming_template 'ak-%(type)s' has an unsupported placeholder at position 3; use %(name)s, %(uuid)s or %% for a literal percent sign.",
            exception.Message);
    }

    [Fact]
    public void FormatName_EmbeddedName_IsSlugified()
    {
        var outpost = TestOutposts.Managed(OutpostConstants.EmbeddedName, "unix:///unused");

        Assert.Equal("ak-outpost-authentik-embedded-outpost", ObjectNaming.FormatName(outpost));
    }
}
