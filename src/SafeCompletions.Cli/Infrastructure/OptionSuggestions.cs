using System.Reflection;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>"Did you mean --judge?" for an option a command does not have: the closest of its options by edit distance.</summary>
internal sealed class OptionSuggestions
{
    private readonly Dictionary<string, Type> _settingsByCommand = new(StringComparer.Ordinal);

    /// <summary>Records the settings type of the command at <paramref name="path"/> ("eval", "specs list").</summary>
    public void Add<TCommand>(string path)
    {
        var settings = typeof(TCommand).BaseType is { IsGenericType: true } generic ? generic.GetGenericArguments()[0] : typeof(CommandSettings);
        _settingsByCommand[path] = settings;
    }

    /// <summary>The closest option of the command <paramref name="args"/> call to <paramref name="unknown"/>, or null when none is close.</summary>
    public string? For(IReadOnlyList<string> args, string unknown)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        for (var length = words.Count; length > 0; length--)
        {
            if (_settingsByCommand.TryGetValue(string.Join(' ', words.Take(length)), out var settings))
            {
                return Closest(unknown.TrimStart('-'), OptionsOf(settings));
            }
        }
        return null;
    }

    private static IEnumerable<string> OptionsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is not null)
            .SelectMany(a => a!.LongNames);

    private static string? Closest(string unknown, IEnumerable<string> options)
    {
        var best = options.Select(o => (Option: o, Distance: Distance(unknown, o))).OrderBy(c => c.Distance).FirstOrDefault();
        // A third of the name may differ ("judeg", "weigths" are two edits): closer than that is a typo, farther a guess.
        return best.Option is not null && best.Distance <= Math.Max(2, best.Option.Length / 3) ? $"--{best.Option}" : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
