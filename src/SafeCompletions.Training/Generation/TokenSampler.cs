namespace SafeCompletions.Training.Generation;

/// <summary>Picks the next token from one position's logits: argmax at temperature 0, else nucleus (top-p) sampling.</summary>
public sealed class TokenSampler(SamplingSettings settings)
{
    private readonly Random _random = settings.Seed is { } seed ? new Random(unchecked((int)seed)) : new Random();

    public int Next(ReadOnlySpan<float> logits)
    {
        if (settings.Temperature == 0)
        {
            var best = 0;
            for (var i = 1; i < logits.Length; i++)
            {
                if (logits[i] > logits[best])
                {
                    best = i;
                }
            }
            return best;
        }
        var max = double.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }
        var probabilities = new double[logits.Length];
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = Math.Exp((logits[i] - max) / settings.Temperature);
            total += probabilities[i];
        }
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => i).ToArray();
        var kept = 0;
        var mass = 0.0;
        while (kept < order.Length && (kept == 0 || mass < settings.TopP * total))
        {
            mass += probabilities[order[kept++]];
        }
        var draw = _random.NextDouble() * mass;
        for (var k = 0; k < kept; k++)
        {
            draw -= probabilities[order[k]];
            if (draw <= 0)
            {
                return order[k];
            }
        }
        return order[kept - 1];
    }
}
