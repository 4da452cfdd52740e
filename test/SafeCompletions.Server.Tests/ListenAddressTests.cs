using SafeCompletions.Server;

namespace SafeCompletions.Server.Tests;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://10.1.2.3:9000", false)]
    public void Parse_GoodAddress_KnowsWhetherItIsLoopback(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddress.Parse(url).IsLoopback);

    [Theory]
    [InlineData("127.0.0.1:8080", "not an address")]
    [InlineData("https://127.0.0.1:8443", "plain http")]
    [InlineData("http://127.0.0.1:8080/rewards", "path")]
    [InlineData("http://127.0.0.1", "no port")]
    [InlineData("ftp://127.0.0.1:21", "plain http")]
    public void Parse_BadAddress_SaysWhy(string url, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => ListenAddress.Parse(url)).Message);

    [Fact]
    public void ParseList_SplitsOnSemicolonsAndCommas() =>
        Assert.Equal(["http://127.0.0.1:1", "http://[::1]:2", "http://localhost:3"],
            ListenAddress.ParseList("http://127.0.0.1:1; http://[::1]:2,http://localhost:3").Select(a => a.Url));

    [Fact]
    public void Validate_RemoteAddressWithoutKey_IsRefusedUnlessAllowed()
    {
        Assert.Contains("--api-key-file", Assert.Throws<FormatException>(() => new RewardServerOptions { Urls = "http://0.0.0.0:8080" }.Validate()).Message);
        Assert.Single(new RewardServerOptions { Urls = "http://0.0.0.0:8080", ApiKey = "k" }.Validate());
        Assert.Single(new RewardServerOptions { Urls = "http://0.0.0.0:8080", AllowRemoteWithoutKey = true }.Validate());
    }
}
