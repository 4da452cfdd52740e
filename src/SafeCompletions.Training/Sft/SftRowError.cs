using SafeCompletions.Jsonl;

namespace SafeCompletions.Training.Sft;

/// <summary>A training row that cannot be used: the run stops before it starts (exit 2), naming file, line and field.</summary>
public static class SftRowError
{
    public static InvalidInputException At(string file, int line, string field, string problem) => new(new RowError(file, line, field, problem));
}
