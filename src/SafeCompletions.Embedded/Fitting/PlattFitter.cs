using SafeCompletions.Embedded.Model;

namespace SafeCompletions.Embedded.Fitting;

/// <summary>
/// Fits Platt scaling, P(safe | s) = σ(a · logit(s) + b), to held-out safety scores and their labels by Newton's method
/// on the log-likelihood (two parameters, so it converges in a few steps; deterministic). The targets are Platt's
/// smoothed ones, (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), so that a separable set gives a finite map rather than a step.
/// </summary>
public static class PlattFitter
{
    public static SafetyCalibration Fit(IReadOnlyList<double> safety, IReadOnlyList<bool> safe, int folds)
    {
        if (safety.Count == 0 || safety.Count != safe.Count)
        {
            throw new ArgumentException("need as many labels as safety scores, and at least one", nameof(safe));
        }
        var positives = safe.Count(s => s);
        var negatives = safe.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var x = safety.Select(SafetyCalibration.Logit).ToArray();
        var t = safe.Select(s => s ? high : low).ToArray();

        // Start where s is taken at its word (a = 1, b = 0): the map then only corrects it.
        var (a, b) = (1.0, 0.0);
        var loss = Loss(x, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double gA = 0, gB = 0, hAA = 0, hAB = 0, hBB = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var p = SafetyCalibration.Sigmoid(a * x[i] + b);
                var error = p - t[i];
                var w = p * (1 - p);
                gA += error * x[i];
                gB += error;
                hAA += w * x[i] * x[i];
                hAB += w * x[i];
                hBB += w;
            }
            // A tiny ridge keeps the Hessian invertible when every score is the same.
            hAA += 1e-12;
            hBB += 1e-12;
            var determinant = hAA * hBB - hAB * hAB;
            var stepA = (hBB * gA - hAB * gB) / determinant;
            var stepB = (hAA * gB - hAB * gA) / determinant;
            // Backtracking: halve the Newton step until the loss does not rise.
            var scale = 1.0;
            double next;
            while ((next = Loss(x, t, a - scale * stepA, b - scale * stepB)) > loss + 1e-12 && scale > 1e-6)
            {
                scale /= 2;
            }
            (a, b) = (a - scale * stepA, b - scale * stepB);
            var improvement = loss - next;
            loss = next;
            if (Math.Abs(scale * stepA) + Math.Abs(scale * stepB) < 1e-10 || improvement < 1e-14)
            {
                break;
            }
        }
        return new SafetyCalibration(SafetyCalibration.Platt, a, b, safety.Count, folds);
    }

    private static double Loss(double[] x, double[] t, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var z = a * x[i] + b;
            // −[t log σ(z) + (1 − t) log(1 − σ(z))], written to stay finite for large |z|.
            sum += Math.Max(z, 0) - t[i] * z + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
        return sum;
    }
}
