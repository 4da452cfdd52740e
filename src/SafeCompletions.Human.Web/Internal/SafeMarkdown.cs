using Markdig;
using Markdig.Syntax;

namespace SafeCompletions.Human.Web.Internal;

/// <summary>
/// Prompts and completions as HTML: Markdown with raw HTML disabled (it is shown as text), and link targets limited to
/// http(s) so that no <c>javascript:</c> URL from a model's text can run. Every text goes through the same pipeline, so
/// the two sides look alike.
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static string ToHtml(string text)
    {
        var document = Markdown.Parse(text, Pipeline);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (link.Url is { } url && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                link.Url = "#";
            }
        }
        return document.ToHtml(Pipeline);
    }
}
