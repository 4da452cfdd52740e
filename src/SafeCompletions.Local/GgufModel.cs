using LLama;
using LLama.Abstractions;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace SafeCompletions.Local;

/// <summary>
/// A GGUF model loaded in-process through LLamaSharp (llama.cpp on the CPU), adapted to <see cref="IChatClient"/> with
/// LLamaSharp's own <c>AsChatClient</c>, so the rest of the toolkit treats it like any other model. Calls are run one at
/// a time (one set of weights, a fresh context per call).
/// </summary>
public sealed class GgufModel : IDisposable
{
    private readonly LLamaWeights _weights;

    static GgufModel()
    {
        // llama.cpp reports every load step on stderr; keep only its errors so progress output stays readable.
        NativeLogConfig.llama_log_set((level, message) =>
        {
            if (level == LLamaLogLevel.Error)
            {
                Console.Error.Write(message);
            }
        });
    }

    private GgufModel(LLamaWeights weights, IChatClient client)
    {
        _weights = weights;
        ChatClient = client;
    }

    /// <summary>The model as a chat client (at most one call at a time).</summary>
    public IChatClient ChatClient { get; }

    /// <summary>Loads <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or LLamaSharp's load error with the path.</summary>
    public static GgufModel Load(string path, uint contextSize = 2048)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no GGUF model at {path}", path);
        }
        var parameters = new ModelParams(path) { ContextSize = contextSize, GpuLayerCount = 0 };
        var weights = LLamaWeights.LoadFromFile(parameters);
        var executor = new StatelessExecutor(weights, parameters);
        var client = new Models.ConcurrencyLimitingChatClient(executor.AsChatClient(new LLamaTransforms.DefaultHistoryTransform(), null), maxConcurrency: 1);
        return new GgufModel(weights, client);
    }

    public void Dispose()
    {
        ChatClient.Dispose();
        _weights.Dispose();
    }
}
