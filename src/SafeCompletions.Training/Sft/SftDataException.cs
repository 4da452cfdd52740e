namespace SafeCompletions.Training.Sft;

/// <summary>A training row that cannot be used, named by file, line and field.</summary>
public sealed class SftDataException(string path, int line, string name, string problem)
    : Exception($"{path}:{line}: {name}: {problem}")
{
    public string File => path;

    public int Line => line;

    public string Field => name;
}
