using Microsoft.Extensions.Time.Testing;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary><see cref="ConfinedFileProvider"/>'s reuse of lookups and its in-memory copies of small files, on a temporary folder.</summary>
public sealed class ConfinedFileProviderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("confined-files-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly ConfinedFileProvider _files;

    public ConfinedFileProviderTests()
    {
        _files = new ConfinedFileProvider(_root, _time);
    }

    [Fact]
    public void GetFileInfo_SmallFile_ServedFromMemory()
    {
        File.WriteAllText(Path.Combine(_root, "app.css"), "body{}");

        var file = _files.GetFileInfo("/app.css");

        Assert.True(file.Exists);
        Assert.Null(file.PhysicalPath);
        Assert.Equal("body{}", ReadText(file));
        Assert.Equal(6, _files.BufferedBytes);
    }

    [Fact]
    public void GetFileInfo_LargeFile_ServedFromDisk()
    {
        var path = Path.Combine(_root, "large.bin");
        File.WriteAllBytes(path, new byte[ConfinedFileProvider.MaxBufferedFileLength + 1]);

        var file = _files.GetFileInfo("/large.bin");

        Assert.Equal(path, file.PhysicalPath);
        Assert.Equal(0, _files.BufferedBytes);
    }

    [Fact]
    public void GetFileInfo_ChangedWithinLifetime_OldContentUntilLifetimeEnds()
    {
        var path = Path.Combine(_root, "app.css");
        File.WriteAllText(path, "old");
        _files.GetFileInfo("/app.css");

        File.WriteAllText(path, "new content");
        var withinLifetime = _files.GetFileInfo("/app.css");
        _time.Advance(ConfinedFileProvider.LookupLifetime);
        var afterLifetime = _files.GetFileInfo("/app.css");

        Assert.Equal("old", ReadText(withinLifetime));
        Assert.Equal("new content", ReadText(afterLifetime));
        Assert.Equal(11, _files.BufferedBytes);
    }

    [Fact]
    public void GetFileInfo_CreatedAfterMissingLookup_FoundWhenLifetimeEnds()
    {
        Assert.False(_files.GetFileInfo("/late.css").Exists);

        File.WriteAllText(Path.Combine(_root, "late.css"), "late");
        var withinLifetime = _files.GetFileInfo("/late.css");
        _time.Advance(ConfinedFileProvider.LookupLifetime);
        var afterLifetime = _files.GetFileInfo("/late.css");

        Assert.False(withinLifetime.Exists);
        Assert.True(afterLifetime.Exists);
    }

    [Fact]
    public void GetFileInfo_DeletedFile_MissingWhenLifetimeEnds()
    {
        var path = Path.Combine(_root, "gone.css");
        File.WriteAllText(path, "gone");
        _files.GetFileInfo("/gone.css");

        File.Delete(path);
        _time.Advance(ConfinedFileProvider.LookupLifetime);

        Assert.False(_files.GetFileInfo("/gone.css").Exists);
        Assert.Equal(0, _files.BufferedBytes);
    }

    [Fact]
    public void GetFileInfo_LinkRetargetedOutside_MissingWhenLifetimeEnds()
    {
        var outside = Directory.CreateTempSubdirectory("confined-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(_root, "inside.css"), "inside");
            File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
            var link = Path.Combine(_root, "link.css");
            File.CreateSymbolicLink(link, Path.Combine(_root, "inside.css"));
            Assert.Equal("inside", ReadText(_files.GetFileInfo("/link.css")));

            File.Delete(link);
            File.CreateSymbolicLink(link, Path.Combine(outside, "secret.txt"));
            var withinLifetime = _files.GetFileInfo("/link.css");
            _time.Advance(ConfinedFileProvider.LookupLifetime);
            var afterLifetime = _files.GetFileInfo("/link.css");

            Assert.Equal("inside", ReadText(withinLifetime));
            Assert.False(afterLifetime.Exists);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void GetFileInfo_MemoryBudgetReached_FurtherFilesFromDisk()
    {
        var fileCount = (int)(ConfinedFileProvider.MaxBufferedBytes / ConfinedFileProvider.MaxBufferedFileLength);
        var content = new byte[ConfinedFileProvider.MaxBufferedFileLength];
        for (var i = 0; i <= fileCount; i++)
        {
            File.WriteAllBytes(Path.Combine(_root, $"file-{i}.bin"), content);
        }

        var buffered = Enumerable.Range(0, fileCount).Select(i => _files.GetFileInfo($"/file-{i}.bin")).ToList();
        var overBudget = _files.GetFileInfo($"/file-{fileCount}.bin");

        Assert.All(buffered, file => Assert.Null(file.PhysicalPath));
        Assert.NotNull(overBudget.PhysicalPath);
        Assert.Equal(ConfinedFileProvider.MaxBufferedBytes, _files.BufferedBytes);
    }

    [Fact]
    public void GetFileInfo_LookupLimitReached_NewPathsStillCorrect()
    {
        for (var i = 0; i < ConfinedFileProvider.MaxLookups; i++)
        {
            _files.GetFileInfo($"/missing-{i}.css");
        }

        File.WriteAllText(Path.Combine(_root, "new.css"), "new");
        var notRemembered = _files.GetFileInfo("/new.css");
        File.Delete(Path.Combine(_root, "new.css"));
        var readAgain = _files.GetFileInfo("/new.css");

        Assert.True(notRemembered.Exists);
        Assert.False(readAgain.Exists);
        Assert.Equal(0, _files.BufferedBytes);
    }

    [Fact]
    public void GetFileInfo_LookupLimitReachedAndLifetimeEnded_RemembersAgain()
    {
        for (var i = 0; i < ConfinedFileProvider.MaxLookups; i++)
        {
            _files.GetFileInfo($"/missing-{i}.css");
        }

        _time.Advance(ConfinedFileProvider.LookupLifetime);
        File.WriteAllText(Path.Combine(_root, "new.css"), "new");
        _files.GetFileInfo("/new.css");
        File.Delete(Path.Combine(_root, "new.css"));

        Assert.True(_files.GetFileInfo("/new.css").Exists);
    }

    [Fact]
    public void GetFileInfo_LookupLimitReached_SweepsOncePerLifetime()
    {
        for (var i = 0; i < ConfinedFileProvider.MaxLookups; i++)
        {
            _files.GetFileInfo($"/missing-{i}.css");
        }

        var half = ConfinedFileProvider.LookupLifetime / 2;
        File.WriteAllText(Path.Combine(_root, "new.css"), "new");
        _time.Advance(half);
        _files.GetFileInfo("/swept-too-early.css");
        _time.Advance(half);
        _files.GetFileInfo("/new.css");
        File.Delete(Path.Combine(_root, "new.css"));
        var withinSweepInterval = _files.GetFileInfo("/new.css");

        File.WriteAllText(Path.Combine(_root, "new.css"), "new");
        _time.Advance(half);
        _files.GetFileInfo("/new.css");
        File.Delete(Path.Combine(_root, "new.css"));
        var afterSweepInterval = _files.GetFileInfo("/new.css");

        Assert.False(withinSweepInterval.Exists);
        Assert.True(afterSweepInterval.Exists);
    }

    public void Dispose()
    {
        _files.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static string ReadText(Microsoft.Extensions.FileProviders.IFileInfo file)
    {
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    }
}
