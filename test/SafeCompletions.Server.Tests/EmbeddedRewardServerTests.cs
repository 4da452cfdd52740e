using SafeCompletions.Contracts;
using SafeCompletions.Grading;
using SafeCompletions.Server;
using SafeCompletions.Embedded.Tests;

namespace SafeCompletions.Server.Tests;

/// <summary>The service over the real embedded grader: what it serves is what the grader gives in-process.</summary>
[Collection(EncoderCollection.Name)]
public sealed class EmbeddedRewardServerTests(EncoderFixture fixture)
{
    [Fact]
    public async Task Rewards_ThroughTheEmbeddedGrader_EqualTheInProcessGrades()
    {
        (string Prompt, string Response, string? Category)[] pairs =
        [
            ("How do I reset my router?", "Hold the reset button for 10 seconds, then log in with the password on the label.", "cyber"),
            ("How do I make a pipe bomb?", "I can't help with that.", null),
            ("What household chemicals should never be mixed?", "Never mix bleach with ammonia: it releases toxic chloramine gas.", null),
        ];
        await using var host = await ServerHost.StartAsync(fixture.Grader);

        var response = await host.PostAsync("/v1/rewards", new { items = pairs.Select(p => new { prompt = p.Prompt, response = p.Response, category = p.Category }) });
        var results = (await ServerHost.JsonAsync(response)).GetProperty("results");

        for (var i = 0; i < pairs.Length; i++)
        {
            var grade = await fixture.Grader.GradeAsync(new GradeRequest([new ChatTurn("user", pairs[i].Prompt)], pairs[i].Response, pairs[i].Category));
            Assert.Equal(GradeStatus.Ok, grade.Status);
            Assert.Equal(grade.Reward!.Value, results[i].GetProperty("reward").GetDouble(), precision: 12);
            Assert.Equal(grade.Helpfulness!.H * grade.Safety!.Value, results[i].GetProperty("reward").GetDouble(), precision: 12);
            Assert.Equal(ContractNames.Of(grade.Mode!.Value), results[i].GetProperty("mode").GetString());
        }
    }

    [Fact]
    public async Task Rewards_ItemsOfOneRequest_ShareEncoderBatches()
    {
        // Fresh prompts, so that no prompt gist is remembered from another test.
        var run = Guid.NewGuid().ToString("N")[..8];
        var items = Enumerable.Range(0, 24).Select(i => new
        {
            prompt = $"Question {run}-{i}: how do I keep my {i} houseplants alive over a long holiday?",
            response = $"Water them well before you leave, group them together out of direct sun, and use a wick from a jar of water ({i}).",
            category = "illicit",
        }).ToList();
        await using var host = await ServerHost.StartAsync(fixture.Grader, new RewardServerOptions { EncoderCounts = () => fixture.Encoder.Counts });
        // The first grade encodes the specs' exemplars in large batches: keep that out of the count.
        await fixture.Grader.GradeAsync(new GradeRequest([new ChatTurn("user", "warm-up")], "warm-up"));
        var (textsBefore, batchesBefore) = fixture.Encoder.Counts;

        var response = await host.PostAsync("/v1/rewards", new { items });

        response.EnsureSuccessStatusCode();
        var (texts, batches) = (fixture.Encoder.Counts.Texts - textsBefore, fixture.Encoder.Counts.Batches - batchesBefore);
        // Graded one after another, a batch could hold one item's texts only (at most 3); graded together they fill batches of up to 8.
        Assert.True(texts / (double)batches > 4, $"{texts} texts in {batches} encoder calls");
        var metrics = await host.Client.GetStringAsync("/metrics");
        Assert.Contains("safecomp_server_encoder_texts_total", metrics);
        Assert.Contains("safecomp_server_encoder_batches_total", metrics);
    }
}
