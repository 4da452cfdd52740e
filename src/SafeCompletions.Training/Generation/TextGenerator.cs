using SafeCompletions.Training.Modeling;
using static TorchSharp.torch;

namespace SafeCompletions.Training.Generation;

/// <summary>What a generation produced: its tokens (the end-of-turn token left out) and whether it ended there or ran out of budget.</summary>
public sealed record GeneratedTokens(IReadOnlyList<int> Tokens, bool EndedTurn, int PromptTokens);

/// <summary>Autoregressive decoding with a KV cache: the prompt in one pass, then one token per step.</summary>
public static class TextGenerator
{
    public static GeneratedTokens Generate(CausalLM model, IReadOnlyList<int> prompt, IReadOnlySet<int> endOfTurn, SamplingSettings settings, CancellationToken cancellationToken = default)
    {
        settings.Validated();
        if (prompt.Count == 0)
        {
            throw new ArgumentException("the prompt has no tokens", nameof(prompt));
        }
        var budget = Math.Min(settings.MaxTokens, model.Config.MaxPositions - prompt.Count);
        if (budget < 1)
        {
            throw new InvalidOperationException($"the prompt's {prompt.Count} tokens fill the model's context of {model.Config.MaxPositions}");
        }
        var sampler = new TokenSampler(settings);
        var tokens = new List<int>();
        using var noGrad = no_grad();
        using var cache = new KvCache(model.Config, prompt.Count + budget);
        using var ids = tensor(prompt.Select(t => (long)t).ToArray(), [1, prompt.Count]);
        var logits = model.Forward(ids, cache, lastOnly: true);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = sampler.Next(logits.data<float>().ToArray());
            logits.Dispose();
            if (endOfTurn.Contains(next))
            {
                return new GeneratedTokens(tokens, true, prompt.Count);
            }
            tokens.Add(next);
            if (tokens.Count == budget)
            {
                return new GeneratedTokens(tokens, false, prompt.Count);
            }
            using var step = tensor(new long[] { next }, [1, 1]);
            logits = model.Forward(step, cache, lastOnly: true);
        }
    }
}
