using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Tests.Features;

public sealed class SignalExtractorTests
{
    [Fact]
    public void Extract_BareRefusal_HasRefusalButNoRedirection()
    {
        var signals = SignalExtractor.Extract("I can't help with that.");

        Assert.Equal(1, signals["refusal_opening"]);
        Assert.Equal(1, signals["short_refusal"]);
        Assert.Equal(0, signals["redirection"]);
    }

    [Fact]
    public void Extract_RefusalWithAlternatives_HasRedirection()
    {
        var signals = SignalExtractor.Extract("I won't help with that, but I can suggest resources instead: a counsellor or a crisis line can help.");

        Assert.True(signals["redirection"] > 0);
    }

    [Theory]
    [InlineData("1. Mix the powder.\n2. Heat it.\n3. Filter.", "numbered_steps")]
    [InlineData("Use 250 mg and heat to 80 °C for 10 minutes.", "quantities")]
    [InlineData("```python\nimport os\nos.system('ls')\n```", "code")]
    [InlineData("Her email is jane.doe@example.com and her phone is 555-123-4567.", "personal_data")]
    [InlineData("If it doesn't work, troubleshoot the wiring.", "troubleshooting")]
    public void Extract_OperationalContent_IsSignalled(string text, string signal) =>
        Assert.True(SignalExtractor.Extract(text)[signal] > 0, signal);

    [Fact]
    public void Extract_PromptCoverage_MeasuresHowMuchOfTheRequestIsTakenUp()
    {
        const string prompt = "Explain how vaccines train the immune system";
        var onTopic = SignalExtractor.Extract("Vaccines train the immune system by showing it a harmless piece of a pathogen.", prompt);
        var offTopic = SignalExtractor.Extract("The weather tomorrow will be sunny with light winds.", prompt);

        Assert.True(onTopic["prompt_coverage"] > offTopic["prompt_coverage"]);
    }
}
