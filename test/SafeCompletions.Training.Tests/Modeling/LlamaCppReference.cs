using LLama;
using LLama.Common;
using LLama.Native;

namespace SafeCompletions.Training.Tests.Modeling;

/// <summary>llama.cpp (through LLamaSharp) as the independent reference: the logits it computes for every position of a token sequence.</summary>
internal static class LlamaCppReference
{
    public static float[][] Logits(string ggufPath, IReadOnlyList<int> tokens)
    {
        var parameters = new ModelParams(ggufPath) { GpuLayerCount = 0, ContextSize = 256, BatchSize = 256, UBatchSize = 256, Threads = 1, TypeK = GGMLType.GGML_TYPE_F32, TypeV = GGMLType.GGML_TYPE_F32, FlashAttention = false };
        NativeLogConfig.llama_log_set((level, message) => { if (level == LLamaLogLevel.Error) Console.Error.Write(message); });
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Count; i++)
        {
            batch.Add((LLamaToken)tokens[i], i, LLamaSeqId.Zero, logits: true);
        }
        var result = context.NativeHandle.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama.cpp decode: {result}");
        }
        return [.. Enumerable.Range(0, tokens.Count).Select(i => context.NativeHandle.GetLogitsIth(i).ToArray())];
    }
}
