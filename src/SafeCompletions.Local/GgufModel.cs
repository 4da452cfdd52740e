using LLama;
using LLama.Abstractions;
using LLama.Common;
using LLama.Exceptions;
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

    /// <summary>
    /// Loads <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or LLamaSharp's load error with the path.
    /// The context defaults to the model's trained context capped at <see cref="MaxDefaultContext"/> (the KV cache of a
    /// long context costs gigabytes), and never below 2,048 tokens.
    /// </summary>
    public static GgufModel Load(string path, uint? contextSize = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no GGUF model at {path}", path);
        }
        var parameters = new ModelParams(path) { GpuLayerCount = 0 };
        var weights = LLamaWeights.LoadFromFile(parameters);
        var context = contextSize ?? Math.Clamp((uint)Math.Max(weights.ContextSize, 0), 2048u, MaxDefaultContext);
        parameters.ContextSize = context;
        var executor = new StatelessExecutor(weights, parameters);
        var client = new ContextOverflowExplained(executor.AsChatClient(new LLamaTransforms.DefaultHistoryTransform(), null), context);
        return new GgufModel(weights, new Models.ConcurrencyLimitingChatClient(client, maxConcurrency: 1));
    }

    /// <summary>The largest context chosen without being asked: enough for a prompt with its spec (SFT) and a long answer.</summary>
    public const uint MaxDefaultContext = 8192;

    /// <summary>Turns llama.cpp's "NoKvSlot" (the prompt and answer outgrew the context) into a message a user can act on.</summary>
    private sealed class ContextOverflowExplained(IChatClient inner, uint context) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (LLamaDecodeError error) when (error.ReturnCode == DecodeResult.NoKvSlot)
            {
                throw new InvalidOperationException(
                    $"the conversation and the answer do not fit the model's context of {context} tokens (llama.cpp: NoKvSlot); shorten the prompt or lower --max-tokens", error);
            }
        }
    }

    public void Dispose()
    {
        ChatClient.Dispose();
        _weights.Dispose();
    }
}
