using System.Globalization;

namespace SafeCompletions.Bench;

/// <summary>The benches' <c>--name value</c> options.</summary>
internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
