using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.KubernetesService.Tests;

public sealed class ObjectNamingTests
{
    private static readonly Guid Uuid = Guid.Parse("0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9");

    [Theory]
    [InlineData("authentik Embedded Outpost", "authentik-embedded-outpost")]
    [InlineData("  Crème brûlée / Proxy!  ", "creme-brulee-proxy")]
    [InlineData("a_b  -- c", "a_b-c")]
    [InlineData("-_edge_-", "edge")]
    public void Slugify_Name_MatchesDjango(string name, string expected)
    {
        Assert.Equal(expected, ObjectNaming.Slugify(name));
    }

    [Fact]
    public void GetObjectName_EmbeddedOutpostDefaultTemplate_IsAuthentikName()
    {
        var outpost = new OutpostConfig { Name = OutpostConstants.EmbeddedName, Uuid = Uuid };

        Assert.Equal("ak-outpost-authentik-embedded-outpost", ObjectNaming.GetObjectName(outpost));
    }

    [Fact]
    public void GetObjectName_LongName_IsCutBelow64Characters()
    {
        var outpost = new OutpostConfig { Name = new string('x', 40) + " " + new string('y', 40), Uuid = Uuid };

        var name = ObjectNaming.GetObjectName(outpost);

        Assert.Equal("ak-outpost-" + new string('x', 40) + "-" + new string('y', 11), name);
        Assert.Equal(63, name.Length);
    }

    [Fact]
    public void GetObjectName_CutEndsInHyphen_DropsTrailingHyphen()
    {
        var outpost = new OutpostConfig { Name = new string('x', 52) + " tail", Uuid = Uuid };

        Assert.Equal("ak-outpost-" + new string('x', 52), ObjectNaming.GetObjectName(outpost));
    }

    [Fact]
    public void GetObjectName_EmptyTemplate_UsesOutpostUuid()
    {
        var outpost = new OutpostConfig { Name = "p", Uuid = Uuid, Settings = new OutpostSettings { ObjectNamingTemplate = "" } };

        Assert.Equal("outpost-0a1b2c3d4e5f4061827394a5b6c7d8e9", ObjectNaming.GetObjectName(outpost));
    }

    [Fact]
    public void GetObjectName_UuidTemplate_UsesHexAndLowerCase()
    {
        var outpost = new OutpostConfig { Name = "Proxy", Uuid = Uuid, Settings = new OutpostSettings { ObjectNamingTemplate = "AK-%(name)s-%(uuid)s" } };

        Assert.Equal("ak-proxy-0a1b2c3d4e5f4061827394a5b6c7d8e9", ObjectNaming.GetObjectName(outpost));
    }

    [Fact]
    public void GetObjectName_UnknownPlaceholder_ThrowsWithFix()
    {
        var outpost = new OutpostConfig { Name = "p", Uuid = Uuid, Settings = new OutpostSettings { ObjectNamingTemplate = "ak-%(type)s" } };

        var exception = Assert.Throws<FormatException>(() => ObjectNaming.GetObjectName(outpost));

        Assert.Equal("object_naming_template 'ak-%(type)s' has an unsupported placeholder at position 3; use %(name)s, %(uuid)s or %% for a literal percent sign.", exception.Message);
    }
}
