using Authentik.Plugins.Routing;
using Authentik.Plugins.StaticFiles.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>The stage's contract with the routing pipeline.</summary>
public sealed class StaticFilesStageTests : IDisposable
{
    private readonly StaticSite _site = new();
    private readonly StaticFilesStage _stage;

    public StaticFilesStageTests()
    {
        var options = new StaticFilesOptions
        {
            DistPath = _site.DistPath,
            AuthentikPath = _site.AuthentikPath,
            HelpPath = _site.HelpPath,
            MediaPath = _site.MediaPath,
            ServeMedia = true,
        };
        _stage = new StaticFilesStage(Options.Create(options), new TestEnvironment(_site.RootPath), NullLoggerFactory.Instance);
    }

    [Fact]
    public void Stage_IsPlacedBeforeOutpostPaths()
    {
        Assert.Equal("static", _stage.Name);
        Assert.Equal("static", _stage.Destination);
        Assert.Equal(StagePlacement.Before(RoutingStageNames.OutpostPaths), _stage.Placement);
    }

    [Theory]
    [InlineData("/static/dist/css/app.css", true)]
    [InlineData("/static/authentik/sources/source.svg", true)]
    [InlineData("/media/upload.svg", true)]
    [InlineData("/help/index.html", true)]
    [InlineData("/if/flow/default/assets/icons/icon.svg", true)]
    [InlineData("/robots.txt", true)]
    [InlineData("/.well-known/security.txt", true)]
    [InlineData("/static/other.css", false)]
    [InlineData("/if/flow/default/", false)]
    [InlineData("/api/v3/core/users/", false)]
    [InlineData("/", false)]
    public void Matches_Path_ClaimsStaticPaths(string path, bool expected)
    {
        var request = CreateRequest(path);

        Assert.Equal(expected, _stage.Matches(request));
    }

    [Fact]
    public void Matches_ManyPaths_AllocatesNothing()
    {
        string[] paths =
        [
            "/static/dist/css/app.css", "/if/flow/default/assets/x.svg", "/if/rac/app/other", "/media/upload.svg",
            "/robots.txt", "/.well-known/security.txt", "/api/v3/core/users/", "/if/admin/", "/",
        ];
        var requests = paths.Select(CreateRequest).ToArray();
        foreach (var request in requests)
        {
            _stage.Matches(request);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            foreach (var request in requests)
            {
                _stage.Matches(request);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public void Dispose()
    {
        _stage.Dispose();
        _site.Dispose();
    }

    private static RoutingRequest CreateRequest(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return new RoutingRequest(context, "authentik.test", null);
    }

    private sealed class TestEnvironment(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "tests";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = root;

        public string EnvironmentName { get; set; } = "Production";
    }
}
