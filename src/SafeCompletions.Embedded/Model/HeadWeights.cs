using System.Text.Json.Serialization;
using SafeCompletions.Embedded.Features;

namespace SafeCompletions.Embedded.Model;

/// <summary>
/// A trained multinomial logistic-regression head: one weight row per class over the dense features (standardised by
/// <see cref="Mean"/> and <see cref="Scale"/>) followed by the word block (read as it is).
/// </summary>
public sealed record HeadWeights(
    [property: JsonPropertyName("classes")] IReadOnlyList<string> Classes,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("scale")] double[] Scale,
    [property: JsonPropertyName("weights")] double[][] Weights,
    [property: JsonPropertyName("bias")] double[] Bias)
{
    /// <summary>Class probabilities for one pair (softmax of the class scores).</summary>
    public double[] Predict(FeatureRow row)
    {
        var x = new double[row.Dense.Length];
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = (row.Dense[j] - Mean[j]) / Scale[j];
        }
        var scores = new double[Classes.Count];
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Score(Weights[k], x, row) + Bias[k];
        }
        return Softmax(scores);
    }

    /// <summary>
    /// The row's words that push hardest towards <paramref name="toward"/> (its weight less the mean of the other
    /// classes', times the word's value), strongest first: what a rationale can name of the word block.
    /// </summary>
    public IEnumerable<(int Word, double Push)> WordsToward(FeatureRow row, int toward, int count)
    {
        var offset = row.Dense.Length;
        return Enumerable.Range(0, row.WordIndices.Length)
            .Select(i =>
            {
                var column = offset + row.WordIndices[i];
                var others = Enumerable.Range(0, Weights.Length).Where(k => k != toward).Average(k => Weights[k][column]);
                return (Word: row.WordIndices[i], Push: (Weights[toward][column] - others) * row.WordValues[i]);
            })
            .Where(w => w.Push > 0)
            .OrderByDescending(w => w.Push)
            .ThenBy(w => w.Word)
            .Take(count);
    }

    /// <summary>One class's score without its bias: the standardised dense part, then the words present.</summary>
    internal static double Score(double[] weights, double[] standardised, FeatureRow row)
    {
        var sum = 0.0;
        for (var j = 0; j < standardised.Length; j++)
        {
            sum += weights[j] * standardised[j];
        }
        var offset = standardised.Length;
        for (var i = 0; i < row.WordIndices.Length; i++)
        {
            sum += weights[offset + row.WordIndices[i]] * row.WordValues[i];
        }
        return sum;
    }

    internal static double[] Softmax(double[] scores)
    {
        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
        var total = exp.Sum();
        return [.. exp.Select(e => e / total)];
    }
}
