using System.Net;

namespace SafeCompletions.Server.Tests;

/// <summary>Malformed bodies get 400 with a reason that names the field, on both reward endpoints, and are never graded.</summary>
public sealed class MalformedBodyTests
{
    [Theory]
    [InlineData("/v1/rewards", "{\"items\":[{\"prompt\":\"a\",\"response\":", "malformed JSON")]
    [InlineData("/v1/rewards", "not json", "malformed JSON")]
    [InlineData("/v1/rewards", "{\"items\":[{\"prompt\":7,\"response\":\"b\"}]}", "$.items[0].prompt")]
    [InlineData("/v1/rewards", "{}", "field 'items': missing")]
    [InlineData("/v1/rewards", "null", "JSON null")]
    [InlineData("/v1/rewards", "{\"items\":[{\"prompt\":\"a\"}]}", "items[0].response: missing")]
    [InlineData("/v1/rewards", "{\"items\":[{\"response\":\"b\"}]}", "items[0].prompt: missing")]
    [InlineData("/v1/rewards", "{\"items\":[{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}],\"response\":\"b\"}]}", "items[0].messages[0].role")]
    [InlineData("/v1/rewards", "{\"items\":[null]}", "items[0]: is null")]
    [InlineData("/get_reward", "{\"prompts\":[\"a\"]}", "field 'query': missing")]
    [InlineData("/get_reward", "{\"query\":[\"a b\"]}", "field 'prompts': missing")]
    [InlineData("/get_reward", "{\"query\":[\"a b\",\"c d\"],\"prompts\":[\"a\"]}", "'query' has 2 entries but 'prompts' has 1")]
    [InlineData("/get_reward", "{\"query\":[\"a b\"],\"prompts\":[\"a\"],\"labels\":[]}", "and 'labels' 0")]
    [InlineData("/get_reward", "{\"query\":[null],\"prompts\":[\"a\"]}", "query[0]: is null")]
    [InlineData("/get_reward", "{\"query\":\"a b\",\"prompts\":[\"a\"]}", "malformed JSON at $.query")]
    public async Task Post_MalformedBody_Is400WithAReason(string path, string body, string reason)
    {
        var grader = new FakeGrader();
        await using var host = await ServerHost.StartAsync(grader);

        var response = await host.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await ServerHost.JsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(0, grader.Calls);
    }
}
