using System.Text.Json.Serialization;

namespace SafeCompletions.Embedded.Model;

/// <summary>A trained multinomial logistic-regression head: standardisation, then one weight row per class.</summary>
public sealed record HeadWeights(
    [property: JsonPropertyName("classes")] IReadOnlyList<string> Classes,
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("scale")] double[] Scale,
    [property: JsonPropertyName("weights")] double[][] Weights,
    [property: JsonPropertyName("bias")] double[] Bias)
{
    /// <summary>Class probabilities for one feature vector (softmax of the class scores).</summary>
    public double[] Predict(double[] features)
    {
        var x = new double[features.Length];
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = (features[j] - Mean[j]) / Scale[j];
        }
        var scores = new double[Classes.Count];
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Dot(Weights[k], x) + Bias[k];
        }
        return Softmax(scores);
    }

    internal static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
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
