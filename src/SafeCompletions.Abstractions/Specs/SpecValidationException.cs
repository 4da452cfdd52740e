namespace SafeCompletions.Specs;

/// <summary>Thrown when specs cannot be loaded; <see cref="Errors"/> lists every problem found, each naming its file.</summary>
public sealed class SpecValidationException(IReadOnlyList<SpecError> errors)
    : Exception($"{errors.Count} spec error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
