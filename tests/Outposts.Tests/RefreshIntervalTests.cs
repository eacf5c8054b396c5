namespace Authentik.Plugins.Outposts.Tests;

public sealed class RefreshIntervalTests
{
    [Theory]
    [InlineData("minutes=5", 300)]
    [InlineData("hours=1;minutes=2;seconds=3", 3723)]
    [InlineData("Hours=1; Minutes=30", 5400)]
    [InlineData("minutes=1.5", 90)]
    [InlineData("weeks=1", 604800)]
    [InlineData("days=1;milliseconds=500", 86400.5)]
    [InlineData("seconds=0", 0)]
    public void TryParse_AuthentikForm_ReturnsSum(string value, double expectedSeconds)
    {
        Assert.True(RefreshInterval.TryParse(value, out var interval));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), interval);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5m")]
    [InlineData("minutes")]
    [InlineData("minutes=")]
    [InlineData("minutes=five")]
    [InlineData("fortnights=1")]
    [InlineData("minutes=5;")]
    [InlineData("minutes=5=6")]
    [InlineData("minutes=-5")]
    [InlineData("minutes=NaN")]
    [InlineData("weeks=1e300")]
    public void TryParse_OtherForm_ReturnsFalse(string value)
    {
        Assert.False(RefreshInterval.TryParse(value, out _));
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(1, 30)]
    [InlineData(29, 30)]
    [InlineData(30, 30)]
    [InlineData(600, 600)]
    public void ToPollingInterval_Configured_AppliesDefaultAndMinimum(double configuredSeconds, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RefreshInterval.ToPollingInterval(TimeSpan.FromSeconds(configuredSeconds)));
    }
}
