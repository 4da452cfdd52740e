using SafeCompletions.Server;

namespace SafeCompletions.Human.Web;

/// <summary>How <c>safecomp human serve</c> runs: which study, where it listens, and the admin key.</summary>
public sealed class HumanWebOptions
{
    /// <summary>This machine only, unless the operator says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8090";

    /// <summary>The study directory (holding study.db).</summary>
    public required string Study { get; init; }

    /// <summary>Where to listen; see <see cref="ListenAddress.ParseList"/>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The key that opens /admin; never logged or shown.</summary>
    public required string AdminKey { get; init; }

    /// <summary>Allow an address other machines can reach (raters' tokens then travel the network: put TLS in front).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>The checked addresses; throws <see cref="FormatException"/> naming the option when they are unsafe or invalid.</summary>
    public IReadOnlyList<ListenAddress> Validate()
    {
        var addresses = ListenAddress.ParseList(Urls);
        if (addresses.FirstOrDefault(a => !a.IsLoopback) is { } open && !AllowRemote)
        {
            throw new FormatException($"--urls: {open.Url} is reachable from other machines; pass --allow-remote to serve raters there (behind a TLS proxy)");
        }
        if (string.IsNullOrWhiteSpace(AdminKey))
        {
            throw new FormatException("--admin-key-file: the admin key is empty");
        }
        return addresses;
    }
}
