using Microsoft.Extensions.AI;
using SafeCompletions.Cli.Commands;
using SafeCompletions.Models;

namespace SafeCompletions.Cli.Infrastructure;

/// <summary>Opens the chat client a generating model reference names: an OpenAI-compatible endpoint, or a local GGUF model.</summary>
internal static class ChatModels
{
    public static IChatClient Open(string option, ModelReference reference, GraderSettings settings, DisposableList resources, RetryCounter retries) => reference.Kind switch
    {
        ModelReferenceKind.OpenAI => resources.Add(ChatClientFactory.Create(reference, GraderFactory.Retry(settings, retries), settings.Concurrency)),
        ModelReferenceKind.Gguf => resources.Add(LoadGguf(option, reference.Model)).ChatClient,
        _ => throw new UsageException($"{option} '{reference}': a generator must be openai:MODEL@BASE_URL or gguf:PATH"),
    };

    private static Local.GgufModel LoadGguf(string option, string path)
    {
        try
        {
            return Local.GgufModel.Load(path);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"{option}: no GGUF model at {path}");
        }
    }
}
