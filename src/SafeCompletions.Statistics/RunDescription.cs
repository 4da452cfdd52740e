using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace SafeCompletions.Statistics;

/// <summary>
/// What the command that writes a report knows of its run and the grades cannot say: which command, the tool's
/// version, the prompt set and the grade files read, and the samples asked for. The files are hashed when the
/// report is written, once the run has read them.
/// </summary>
/// <param name="Command">"eval" or "report".</param>
/// <param name="ToolVersion">The tool's informational version (the assembly's, with its source revision).</param>
/// <param name="PromptSets">The prompt files an eval read; empty for report, which reads grades only.</param>
/// <param name="GradeFiles">The grade files report read; empty for eval, whose grades are its own.</param>
/// <param name="SamplesRequested">eval's <c>--samples</c> (recorded response sets bring their own count).</param>
public sealed record RunDescription(
    string Command, string ToolVersion, IReadOnlyList<string> PromptSets, IReadOnlyList<string> GradeFiles, int? SamplesRequested = null);

/// <summary>A file a run read: its name as given, and the SHA-256 of its content when it could be read.</summary>
public sealed record InputFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sha256")] string? Sha256)
{
    /// <summary>
    /// The file at <paramref name="path"/> with the hash of its content, read as a stream (prompt sets can be large);
    /// without a hash when it cannot be read any more (the run has read it already: the report says what it can).
    /// </summary>
    public static InputFile Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return new InputFile(path, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new InputFile(path, null);
        }
    }
}
