using System.Security.Cryptography;
using System.Text;

namespace SafeCompletions.Runs;

/// <summary>
/// What a run's results depend on, as <c>key = value</c> pairs (the prompts' content, the grader, the models, the
/// sampling settings). The first run records them in its directory and every resume checks them
/// (<see cref="IEvalRunStore.Settle"/>), so a run directory holds one run; their hash is the run's identity, which
/// names the default run directory.
/// </summary>
public sealed class RunSettings
{
    private readonly List<KeyValuePair<string, string>> _settings = [];

    public RunSettings Add(string key, string value)
    {
        _settings.Add(new(key, value));
        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> All => _settings;

    /// <summary>12 hex digits of the SHA-256 of the settings, whatever order they were added in.</summary>
    public string Identity() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Concat(_settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}\n")))))[..12];

    /// <summary>Records or checks every setting through <paramref name="settle"/>, which throws on the first that differs.</summary>
    public void SettleWith(Action<string, string> settle)
    {
        foreach (var (key, value) in _settings)
        {
            settle(key, value);
        }
    }
}
