using System.Collections.Concurrent;
using SafeCompletions.Contracts;
using SafeCompletions.Embedded.Encoding;

namespace SafeCompletions.Embedded.Features;

/// <summary>
/// Builds <see cref="PairFeatures"/> for a conversation and its final answer: three encoder calls at most (the
/// prompt's gist, the opening window, the most operational window) for the whole response and two for each of its
/// bodies (<see cref="ResponseBodies"/>), with prompt vectors remembered because the same prompt usually comes with
/// several responses.
/// </summary>
public sealed class PairFeatureExtractor(ITextEncoder encoder)
{
    private const int MaxRememberedPrompts = 20_000;
    private readonly ConcurrentDictionary<string, Task<float[]>> _prompts = new(StringComparer.Ordinal);

    public ITextEncoder Encoder => encoder;

    /// <param name="conversation">The conversation up to the response.</param>
    /// <param name="response">The final answer (reasoning already removed).</param>
    /// <param name="cancellationToken">Cancels the encoder calls.</param>
    /// <param name="asWritten">
    /// Read the response as written, placeholders and all: for the specs' exemplars, whose placeholders stand for the
    /// harmful specifics an unsafe example leaves out; without them an outline of harm reads as a harmless procedure,
    /// and heads trained on that learn to call any procedure unsafe. Graded responses are read without placeholders
    /// (<see cref="Placeholders"/>), so a placeholder in a response moves nothing.
    /// </param>
    public async Task<PairFeatures> ExtractAsync(IReadOnlyList<ChatTurn> conversation, string response, CancellationToken cancellationToken = default, bool asWritten = false)
    {
        response = asWritten ? response : Placeholders.Strip(response);
        // An exemplar is never graded, only compared and trained on as a whole: its bodies would be encoded for nothing.
        var bodies = asWritten ? [] : ResponseBodies.Of(response);
        var whole = ExtractOneAsync(conversation, response, cancellationToken);
        if (bodies.Count == 0)
        {
            return await whole.ConfigureAwait(false);
        }
        var views = await Task.WhenAll(bodies.Select(body => ExtractOneAsync(conversation, body, cancellationToken))).ConfigureAwait(false);
        return await whole.ConfigureAwait(false) with { Bodies = views };
    }

    private async Task<PairFeatures> ExtractOneAsync(IReadOnlyList<ChatTurn> conversation, string response, CancellationToken cancellationToken)
    {
        var (opening, focus) = ResponseWindows.Select(response);
        var promptText = PromptText(conversation);
        var promptTask = PromptVectorAsync(promptText, cancellationToken);
        var openingTask = encoder.EncodeAsync(opening, cancellationToken);
        var focusTask = focus is null ? null : encoder.EncodeAsync(focus, cancellationToken);
        return new PairFeatures(
            await promptTask.ConfigureAwait(false),
            await openingTask.ConfigureAwait(false),
            focusTask is null ? null : await focusTask.ConfigureAwait(false),
            SignalExtractor.Extract(response, conversation.LastOrDefault(t => t.Role == "user")?.Content ?? promptText),
            SignalExtractor.WordCount(response),
            Terms.Count(response));
    }

    /// <summary>The text that stands for the request: the last user turn, cut to its gist.</summary>
    public static string PromptText(IReadOnlyList<ChatTurn> conversation) =>
        ResponseWindows.PromptGist(conversation.LastOrDefault(t => t.Role == "user")?.Content ?? conversation.LastOrDefault()?.Content ?? "");

    public Task<float[]> PromptVectorAsync(string gist, CancellationToken cancellationToken = default)
    {
        if (_prompts.Count > MaxRememberedPrompts)
        {
            _prompts.Clear();
        }
        var task = _prompts.GetOrAdd(gist, text => encoder.EncodeAsync(text, CancellationToken.None));
        if (task.IsFaulted)
        {
            _prompts.TryRemove(gist, out _);
        }
        return task.WaitAsync(cancellationToken);
    }
}
