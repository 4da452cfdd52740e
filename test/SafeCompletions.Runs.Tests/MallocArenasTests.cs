using SafeCompletions.Runs;

namespace SafeCompletions.Runs.Tests;

public sealed class MallocArenasTests
{
    [Fact]
    public void Limit_OnLinuxWithGlibc_FindsMalloptAndSetsTheCap()
    {
        // The development and target machines are Debian (glibc); where MALLOC_ARENA_MAX is set, it is left alone.
        var expected = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null;

        Assert.Equal(expected, MallocArenas.Limit());
    }

    [Fact]
    public void TrimEvery_OnLinuxWithGlibc_FindsMallocTrimAndStartsATimer()
    {
        using var trimmer = MallocArenas.TrimEvery(TimeSpan.FromSeconds(5));

        Assert.Equal(OperatingSystem.IsLinux(), trimmer is not null);
    }
}
