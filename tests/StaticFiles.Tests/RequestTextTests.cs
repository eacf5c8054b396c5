namespace Authentik.Plugins.StaticFiles.Tests;

public sealed class RequestTextTests
{
    [Fact]
    public void ToString_ControlCharacters_AreEscaped() =>
        Assert.Equal("/a.css\\u000d\\u000aforged\\u0000", new RequestText("/a.css\r\nforged\0").ToString());

    [Fact]
    public void ToString_PlainText_IsUnchanged() =>
        Assert.Equal("/static/dist/ä b.css", new RequestText("/static/dist/ä b.css").ToString());
}
