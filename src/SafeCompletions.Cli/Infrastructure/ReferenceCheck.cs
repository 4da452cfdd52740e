using Spectre.Console;
using SafeCompletions.Models;
using Spectre.Console.Cli;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Checks a model reference given on the command line before anything runs, so a malformed one exits 2 naming its option.</summary>
internal static class ReferenceCheck
{
    /// <summary>Success, or an error "OPTION: why" when <paramref name="text"/> is not a reference usable as <paramref name="use"/>.</summary>
    public static ValidationResult Of(string option, string? text, ModelUses use)
    {
        if (text is null)
        {
            return ValidationResult.Success();
        }
        try
        {
            Registries.Models().Parse(text, use);
            return ValidationResult.Success();
        }
        catch (FormatException invalid)
        {
            return ValidationResult.Error($"{option}: {invalid.Message}");
        }
    }
}
