using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Fitting;
using SafeCompletions.Specs;

namespace SafeCompletions.Embedded.Tests.Fitting;

[Collection(EncoderCollection.Name)]
public sealed class CrossValidationTests(EncoderFixture fixture)
{
    private static readonly string[] Responses = ["I can't help with that.", "Sure: rinse it, then dry it in the sun.", "No, I won't do that.", "Here is how: mix the two, stir, and wait a minute."];

    private async Task<List<FittingExample>> ExamplesAsync()
    {
        var extractor = new PairFeatureExtractor(fixture.Encoder);
        var examples = new List<FittingExample>();
        for (var i = 0; i < 12; i++)
        {
            var response = Responses[i % Responses.Length];
            var features = await extractor.ExtractAsync([new("user", $"Question {i / 2}")], response);
            var refusal = i % 2 == 0;
            examples.Add(new FittingExample(features, refusal ? "refusal" : "full", true, i < 6 ? "a.jsonl" : "b.jsonl", $"prompt{i / 2}"));
        }
        return examples;
    }

    [Fact]
    public async Task GradeHeldOut_GradesEveryRowWithHeadsNotTrainedOnItsPrompt()
    {
        var examples = await ExamplesAsync();
        var catalog = SpecCatalog.Load();
        var exemplars = await new GraderFitter(new PairFeatureExtractor(fixture.Encoder)).ExamplesAsync(GraderFitter.ExemplarRows(catalog));
        var trainingSets = new List<HashSet<FittingExample>>();

        var grades = await CrossValidation.GradeHeldOutAsync(fixture.Encoder, catalog, examples, exemplars, folds: 3, train =>
        {
            trainingSets.Add([.. train]);
            return GraderFitter.Fit(train, epochs: 20);
        });

        Assert.Equal(3, trainingSets.Count);
        Assert.All(grades, g => Assert.NotNull(g.Mode));
        // Each row is left out of exactly one fold's training, and both rows of a prompt of the same one.
        Assert.All(examples, e => Assert.Single(trainingSets, set => !set.Contains(e)));
        Assert.All(examples.GroupBy(e => e.Group), prompt => Assert.Single(trainingSets, set => prompt.All(e => !set.Contains(e))));
        Assert.All(trainingSets, set => Assert.True(exemplars.All(set.Contains), "the exemplars always train"));
    }

    [Fact]
    public void FoldOf_ASplitSeedGivesAnotherSplitThatStillKeepsEachPromptTogether()
    {
        var prompts = Enumerable.Range(0, 200).Select(i => $"prompt{i}").ToList();

        var committed = prompts.Select(p => CrossValidation.FoldOf(p, 5)).ToList();
        var reseeded = prompts.Select(p => CrossValidation.FoldOf(p, 5, "split2")).ToList();

        // The empty seed is the committed split, unchanged: the first hash byte of the prompt id alone.
        Assert.Equal(prompts.Select(p => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p))[0] % 5), committed);
        Assert.True(committed.Zip(reseeded).Count(f => f.First != f.Second) > 100, "another seed moves most prompts to another fold");
        Assert.Equal(reseeded, prompts.Select(p => CrossValidation.FoldOf(p, 5, "split2")));
        Assert.All(Enumerable.Range(0, 5), fold => Assert.Contains(fold, reseeded));
    }

    [Fact]
    public async Task GradeHeldOut_WithASplitSeed_StillLeavesEachPromptOutOfExactlyOneFold()
    {
        var examples = await ExamplesAsync();
        var trainingSets = new List<HashSet<FittingExample>>();

        await CrossValidation.GradeHeldOutAsync(fixture.Encoder, SpecCatalog.Load(), examples, [], folds: 3, train =>
        {
            trainingSets.Add([.. train]);
            return GraderFitter.Fit(train, epochs: 20);
        }, splitSeed: "split2");

        // Fold k holds out exactly the prompts the seeded hash puts in fold k (not those of the committed split).
        Assert.NotEqual(examples.Select(e => CrossValidation.FoldOf(e.Group, 3)), examples.Select(e => CrossValidation.FoldOf(e.Group, 3, "split2")));
        Assert.All(Enumerable.Range(0, 3), fold => Assert.Equal(
            examples.Where(e => CrossValidation.FoldOf(e.Group, 3, "split2") == fold),
            examples.Where(e => !trainingSets[fold].Contains(e))));
    }

    [Fact]
    public async Task Agreement_CountsPerSourceTheRowsCarryingEachLabel()
    {
        var examples = await ExamplesAsync();
        var grades = await CrossValidation.GradeHeldOutAsync(fixture.Encoder, SpecCatalog.Load(), examples, [], folds: 2, train => GraderFitter.Fit(train, epochs: 20));

        var agreement = CrossValidation.Agreement(examples, grades);

        Assert.Equal(["a.jsonl", "b.jsonl"], agreement.Select(a => a.Source));
        Assert.All(agreement, a => Assert.Equal((6, 6), (a.ComplianceRows, a.SafetyRows)));
        var a = agreement[0];
        var expected = Enumerable.Range(0, 6).Count(i => GraderFitter.ComplianceOf(grades[i].Mode!.Value) == examples[i].Compliance);
        Assert.Equal(expected, a.ComplianceAgreed);
    }
}
