using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Training;

/// <summary>
/// Fits a multinomial logistic-regression head by full-batch gradient descent with momentum on standardised
/// features, L2-penalised and class-balanced. Deterministic: zero start, fixed order, no sampling.
/// </summary>
public static class LogisticTrainer
{
    public static HeadWeights Fit(IReadOnlyList<double[]> features, IReadOnlyList<int> labels, IReadOnlyList<string> classes, double l2, int epochs, bool balanceClasses = true, double learningRate = 0.5)
    {
        if (features.Count == 0 || features.Count != labels.Count)
        {
            throw new ArgumentException("need as many labels as feature rows, and at least one", nameof(labels));
        }
        var n = features.Count;
        var d = features[0].Length;
        var k = classes.Count;
        var (mean, scale) = Standardisation(features, d);
        var x = features.Select(row => row.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();

        var counts = new double[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }
        var classWeight = counts.Select(c => c == 0 ? 0 : balanceClasses ? n / (k * c) : 1.0).ToArray();
        var weightSum = labels.Sum(l => classWeight[l]);

        var w = new double[k][];
        var velocity = new double[k][];
        for (var c = 0; c < k; c++)
        {
            w[c] = new double[d];
            velocity[c] = new double[d];
        }
        var bias = new double[k];
        var biasVelocity = new double[k];
        const double momentum = 0.9;
        var gradient = new double[k][];
        for (var c = 0; c < k; c++)
        {
            gradient[c] = new double[d];
        }

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
                var row = x[i];
                for (var c = 0; c < k; c++)
                {
                    var sum = bias[c];
                    var wc = w[c];
                    for (var j = 0; j < d; j++)
                    {
                        sum += wc[j] * row[j];
                    }
                    scores[c] = sum;
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
                    var gc = gradient[c];
                    for (var j = 0; j < d; j++)
                    {
                        gc[j] += error * row[j];
                    }
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

    private static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<double[]> features, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in features)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }
        for (var j = 0; j < d; j++)
        {
            mean[j] /= features.Count;
        }
        foreach (var row in features)
        {
            for (var j = 0; j < d; j++)
            {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scale[j] / features.Count);
            scale[j] = sd < 1e-9 ? 1 : sd;
        }
        return (mean, scale);
    }
}
