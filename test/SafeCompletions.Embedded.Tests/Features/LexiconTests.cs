using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Tests.Features;

public sealed class LexiconTests
{
    [Fact]
    public void Terms_CountLowerCasedWordsOfTwoCharactersOrMore()
    {
        var terms = Terms.Count("Sure, here's how: MIX the powder, then mix it again. 2 cups, 10 g, step_2.");

        Assert.Equal(2, terms["mix"]);
        Assert.Equal(1, terms["here"]);
        Assert.Equal(1, terms["10"]);
        Assert.Equal(1, terms["step_2"]);
        Assert.False(terms.ContainsKey("s"), "one-character runs are not words");
        Assert.False(terms.ContainsKey("2"));
        Assert.False(terms.ContainsKey("MIX"), "words are lower-cased");
    }

    [Fact]
    public void Build_KeepsWordsOfEnoughResponses_AndGivesRarerWordsHigherIdf()
    {
        var lexicon = Lexicon.Build(
        [
            Terms.Count("the recipe uses bleach"),
            Terms.Count("the recipe uses vinegar"),
            Terms.Count("the answer is vinegar"),
            Terms.Count("the end"),
        ], minDocuments: 2);

        Assert.Equal(["recipe", "the", "uses", "vinegar"], lexicon.Words);
        Assert.True(lexicon.Idf[lexicon.Words.ToList().IndexOf("vinegar")] > lexicon.Idf[lexicon.Words.ToList().IndexOf("the")]);
    }

    [Fact]
    public void Vector_IsNormalisedToTheWeight_InVocabularyOrder_WithoutUnknownWords()
    {
        var lexicon = Lexicon.Build([Terms.Count("alpha beta gamma"), Terms.Count("alpha beta"), Terms.Count("gamma")], minDocuments: 1, weight: 15);

        var (indices, values) = lexicon.Vector(Terms.Count("gamma gamma alpha unknown"));

        Assert.Equal([0, 2], indices);
        Assert.Equal(15, Math.Sqrt(values.Sum(v => v * v)), precision: 9);
        Assert.True(values[1] > values[0], "gamma occurs twice (sublinear tf) and is as rare as alpha");
        Assert.Empty(lexicon.Vector(Terms.Count("nothing known here")).Indices);
    }
}
