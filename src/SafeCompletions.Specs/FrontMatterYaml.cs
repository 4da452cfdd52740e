using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SafeCompletions.Specs;

/// <summary>
/// Loads a spec's front matter as YAML, or says where and why it is not YAML, in the file's own line numbers (the
/// front matter starts on the file's line 2, after its opening '---').
/// </summary>
internal static class FrontMatterYaml
{
    /// <summary>The first line of the front matter in the file.</summary>
    public const int FirstLine = 2;

    public sealed record Problem(int Line, int Column, string Message);

    public static (YamlStream? Yaml, Problem? Problem) Load(string text)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
            return (yaml, null);
        }
        catch (YamlException ex)
        {
            return (null, new Problem(FileLine(ex.Start), (int)ex.Start.Column, ex.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position and a message about its own state, when a flow value
            // ('[...' or '{...') reaches the end: the last event it did parse is where that value starts.
            var start = LastEventStart(text);
            return (null, new Problem(FileLine(start), (int)start.Column, "a '[' or '{' value that is never closed"));
        }
    }

    /// <summary>The file line of a position in the front matter (YamlDotNet counts lines from 1).</summary>
    public static int FileLine(Mark mark) => (int)mark.Line + FirstLine - 1;

    private static Mark LastEventStart(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.Start;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // Stop at the fault; the last event read is the value that does not end.
        }
        return last.Line > 0 ? last : new Mark(0, 1, 1);
    }
}
