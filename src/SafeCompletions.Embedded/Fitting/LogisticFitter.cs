using SafeCompletions.Embedded.Features;
using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// Fits a multinomial logistic-regression head by full-batch gradient descent with momentum, L2-penalised and
/// optionally class-balanced. The dense features are standardised; the sparse word block is read as it is (it is
/// already normalised), and only the words a row contains are visited, so thousands of word columns cost little.
/// Deterministic: zero start, fixed order, no sampling.
/// </summary>
public static class LogisticFitter
{
    public static HeadWeights Fit(IReadOnlyList<FeatureRow> rows, IReadOnlyList<int> labels, IReadOnlyList<string> classes, int words, double l2, int epochs, bool balanceClasses = true, double learningRate = 0.5)
    {
        if (rows.Count == 0 || rows.Count != labels.Count)
        {
            throw new ArgumentException("need as many labels as feature rows, and at least one", nameof(labels));
        }
        var n = rows.Count;
        var dense = rows[0].Dense.Length;
        var d = dense + words;
        var k = classes.Count;
        var (mean, scale) = Standardisation(rows, dense);
        var x = rows.Select(row => row.Dense.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();

        var counts = new double[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }
        var classWeight = counts.Select(c => c == 0 ? 0 : balanceClasses ? n / (k * c) : 1.0).ToArray();
        var weightSum = labels.Sum(l => classWeight[l]);

        var w = Matrix(k, d);
        var velocity = Matrix(k, d);
        var gradient = Matrix(k, d);
        var bias = new double[k];
        var biasVelocity = new double[k];
        const double momentum = 0.9;

        for (var epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var g in gradient)
            {
                Array.Clear(g);
            }
            var biasGradient = new double[k];
            var scores = new double[k];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < k; c++)
                {
                    scores[c] = bias[c] + HeadWeights.Score(w[c], x[i], rows[i]);
                }
                var p = HeadWeights.Softmax(scores);
                var sampleWeight = classWeight[labels[i]] / weightSum;
                for (var c = 0; c < k; c++)
                {
                    var error = (p[c] - (labels[i] == c ? 1 : 0)) * sampleWeight;
                    if (error == 0)
                    {
                        continue;
                    }
                    biasGradient[c] += error;
                    Accumulate(gradient[c], error, x[i], rows[i]);
                }
            }
            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d; j++)
                {
                    velocity[c][j] = momentum * velocity[c][j] - learningRate * (gradient[c][j] + l2 * w[c][j]);
                    w[c][j] += velocity[c][j];
                }
                biasVelocity[c] = momentum * biasVelocity[c] - learningRate * biasGradient[c];
                bias[c] += biasVelocity[c];
            }
        }
        return new HeadWeights(classes, mean, scale, w, bias);
    }

    private static void Accumulate(double[] gradient, double error, double[] standardised, FeatureRow row)
    {
        for (var j = 0; j < standardised.Length; j++)
        {
            gradient[j] += error * standardised[j];
        }
        var offset = standardised.Length;
        for (var i = 0; i < row.WordIndices.Length; i++)
        {
            gradient[offset + row.WordIndices[i]] += error * row.WordValues[i];
        }
    }

    private static double[][] Matrix(int rows, int columns) => [.. Enumerable.Range(0, rows).Select(_ => new double[columns])];

    private static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<FeatureRow> rows, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += row.Dense[j];
            }
        }
        for (var j = 0; j < d; j++)
        {
            mean[j] /= rows.Count;
        }
        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                scale[j] += (row.Dense[j] - mean[j]) * (row.Dense[j] - mean[j]);
            }
        }
        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scale[j] / rows.Count);
            scale[j] = sd < 1e-9 ? 1 : sd;
        }
        return (mean, scale);
    }
}
