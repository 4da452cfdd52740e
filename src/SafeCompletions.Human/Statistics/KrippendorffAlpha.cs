namespace SafeCompletions.Human.Statistics;

/// <summary>
/// Krippendorff's α for any number of observers and missing values, computed as in Krippendorff (2011), "Computing
/// Krippendorff's Alpha-Reliability": the coincidence matrix of the pairable values, then α = 1 − D_o / D_e with the
/// difference function of the chosen level. The tests check it against that paper's worked example.
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>
    /// α over <paramref name="units"/>, each the values the observers gave one unit (observers who did not code it are
    /// simply absent). Units with fewer than two values are not pairable and are left out. Null when no unit is
    /// pairable or the pairable values never vary (D_e = 0), where α is undefined.
    /// </summary>
    public static double? Compute(IEnumerable<IReadOnlyList<double>> units, AlphaLevel level)
    {
        var pairable = units.Where(u => u.Count >= 2).ToList();
        var values = pairable.SelectMany(u => u).Distinct().Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }
        var index = values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var coincidences = new double[values.Length, values.Length];
        foreach (var unit in pairable)
        {
            // Every ordered pair of values from different observers of the unit, weighted 1 / (m_u − 1).
            var weight = 1.0 / (unit.Count - 1);
            for (var i = 0; i < unit.Count; i++)
            {
                for (var j = 0; j < unit.Count; j++)
                {
                    if (i != j)
                    {
                        coincidences[index[unit[i]], index[unit[j]]] += weight;
                    }
                }
            }
        }
        var marginals = new double[values.Length];
        for (var c = 0; c < values.Length; c++)
        {
            for (var k = 0; k < values.Length; k++)
            {
                marginals[c] += coincidences[c, k];
            }
        }
        var n = marginals.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < values.Length; c++)
        {
            for (var k = 0; k < values.Length; k++)
            {
                var delta = Difference(level, values, marginals, c, k);
                observed += coincidences[c, k] * delta;
                expected += marginals[c] * marginals[k] * delta;
            }
        }
        return expected == 0 ? null : 1 - (n - 1) * observed / expected;
    }

    private static double Difference(AlphaLevel level, double[] values, double[] marginals, int c, int k)
    {
        if (c == k)
        {
            return 0;
        }
        switch (level)
        {
            case AlphaLevel.Nominal:
                return 1;
            case AlphaLevel.Interval:
                var gap = values[c] - values[k];
                return gap * gap;
            default:
                // Krippendorff's ordinal metric: (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², over the ranks in the data.
                var (low, high) = c < k ? (c, k) : (k, c);
                double between = 0;
                for (var g = low; g <= high; g++)
                {
                    between += marginals[g];
                }
                var distance = between - (marginals[low] + marginals[high]) / 2;
                return distance * distance;
        }
    }
}
