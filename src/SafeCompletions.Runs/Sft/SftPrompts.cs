using SafeCompletions.Contracts;
using SafeCompletions.Datasets;
using SafeCompletions.Grading;
using SafeCompletions.Jsonl;
using SafeCompletions.Specs;

namespace SafeCompletions.Sft;

/// <summary>Reads an SFT run's prompt file: every row validated, each with a user turn to answer and its category named (and known) or inferred.</summary>
public static class SftPrompts
{
    /// <summary>The prompt file as the run's prompts; a bad row throws <see cref="InvalidInputException"/> naming its file, line and field.</summary>
    public static async IAsyncEnumerable<SftPrompt> ReadAsync(string file, SpecCatalog catalog,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var classifier = new LexicalCategoryClassifier(catalog);
        await foreach (var line in PromptSetReader.ReadAsync(DatasetReference.Jsonl(file), cancellationToken).ConfigureAwait(false))
        {
            var row = line.Row ?? throw new InvalidInputException(line.Error!);
            var conversation = row.Conversation();
            if (!conversation.Any(t => t.Role == "user"))
            {
                throw new InvalidInputException(new RowError(file, line.LineNumber, "messages", "the conversation has no user turn to answer"));
            }
            if (row.Category is { } named && catalog.Find(named) is null)
            {
                throw new InvalidInputException(new RowError(file, line.LineNumber, "category",
                    $"no spec for '{named}'; known: {string.Join(", ", catalog.All.Select(s => s.Id))} (add one with --specs DIR)"));
            }
            yield return new SftPrompt(SftPrompt.KeyOf(conversation), row, row.Category ?? classifier.Classify(conversation), row.Category is null);
        }
    }
}
