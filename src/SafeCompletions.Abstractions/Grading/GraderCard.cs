using System.Text.Json.Serialization;

namespace SafeCompletions.Grading;

/// <summary>
/// What is known of a grader's accuracy: the figures measured on labelled rows it was not trained on, when and how, and
/// where they are documented. The report shows the card of each grader its grades name (report.json,
/// <c>grader_accuracy</c>); a grader without a card is shown as not measured rather than presumed accurate.
/// </summary>
/// <param name="Grader">The exact grader name the figures were measured for (weights included), as grades carry it.</param>
/// <param name="Measured">When the figures were measured (ISO date).</param>
/// <param name="Method">How the figures were measured.</param>
/// <param name="Source">Where they are documented and how to measure them again.</param>
/// <param name="Figures">One figure per labelled set and task.</param>
public sealed record GraderCard(
    [property: JsonPropertyName("grader")] string Grader,
    [property: JsonPropertyName("measured")] string Measured,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("figures")] IReadOnlyList<GraderAccuracy> Figures);

/// <summary>One measured figure: of <paramref name="Rows"/> labelled rows, <paramref name="Agreed"/> got the label's answer.</summary>
/// <param name="Set">The labelled set, e.g. "HarmBench dev".</param>
/// <param name="Task">What was compared with the label.</param>
/// <param name="Agreed">Rows whose grade agreed with the label.</param>
/// <param name="Rows">Labelled rows.</param>
/// <param name="MeanOverSplits">The mean accuracy over several fold splits of the same rows, when measured (a steadier estimate than one split).</param>
public sealed record GraderAccuracy(
    [property: JsonPropertyName("set")] string Set,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("agreed")] int Agreed,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("mean_over_splits")] double? MeanOverSplits = null)
{
    /// <summary>Agreed / rows.</summary>
    [JsonPropertyName("accuracy")]
    public double Accuracy => Rows == 0 ? 0 : (double)Agreed / Rows;
}
