using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SafeCompletions.Testing.TinyModels;
using SafeCompletions.Training.Chat;
using SafeCompletions.Training.Generation;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Modeling;
using SafeCompletions.Training.Sft;
using static TorchSharp.torch;

namespace SafeCompletions.Bench;

/// <summary>
/// Our in-process trainer on a random-weight Llama of a small model's shape, measured the way bench/training/run.py
/// measures PyTorch on the same weights (bench/training.sh runs them in turn and prints the ratios). One process per
/// measurement, so its peak resident set (VmHWM) is that measurement's alone. Each prints one JSON line.
///   SafeCompletions.Bench training model --dir DIR [--hidden 512 --intermediate 1408 --layers 8 --heads 8 --kv-heads 4 --vocab 8192 --length 128 --rows 64]
///   SafeCompletions.Bench training logits --dir DIR --threads 2             (DIR/ours-logits.bin: float32 [length, vocab])
///   SafeCompletions.Bench training train --dir DIR --threads 2 --batch 4 --steps 6 --warmup 2 --rank 16
///   SafeCompletions.Bench training generate --dir DIR --threads 2 --prompt-tokens 32 --new-tokens 64 --repeats 3
/// </summary>
internal static class TrainingBench
{
    public static int Run(string[] args)
    {
        var dir = BenchArgs.String(args, "--dir") ?? throw new ArgumentException("--dir DIR is required");
        var threads = BenchArgs.Int(args, "--threads", 2);
        set_num_threads(threads);
        var result = args.ElementAtOrDefault(1) switch
        {
            "model" => WriteModel(args, dir),
            "logits" => Logits(dir),
            "train" => Train(args, dir),
            "generate" => Generate(args, dir),
            var other => throw new ArgumentException($"training {other}: expected model, logits, train or generate"),
        };
        result["impl"] = "ours";
        result["threads"] = get_num_threads();
        result["vmhwm_kb"] = PeakResidentKb();
        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    /// <summary>The model (float32, Hugging Face layout), the training rows, and their tokens as our encoder makes them (sequence.json, which the PyTorch side reads).</summary>
    private static JsonObject WriteModel(string[] args, string dir)
    {
        var hidden = BenchArgs.Int(args, "--hidden", 512);
        var heads = BenchArgs.Int(args, "--heads", 8);
        var shape = TinyShape.Llama with
        {
            Hidden = hidden,
            Intermediate = BenchArgs.Int(args, "--intermediate", 1408),
            Layers = BenchArgs.Int(args, "--layers", 8),
            Heads = heads,
            KvHeads = BenchArgs.Int(args, "--kv-heads", 4),
            HeadDim = hidden / heads,
            Vocab = BenchArgs.Int(args, "--vocab", 8192),
            // Uniform(±s) weights keep the activations of a 512-wide stack in a realistic range (std ≈ 1/sqrt(in)).
            ProjectionScale = (float)(Math.Sqrt(3.0 / hidden)),
        };
        TinyCausalLM.WriteHuggingFace(dir, shape);
        var length = BenchArgs.Int(args, "--length", 128);
        var sequence = RowOfLength(dir, length, out var row);
        File.WriteAllLines(Path.Combine(dir, "data.jsonl"), Enumerable.Repeat(row, BenchArgs.Int(args, "--rows", 64)));
        File.WriteAllText(Path.Combine(dir, "sequence.json"), new JsonObject
        {
            ["ids"] = new JsonArray([.. sequence.Ids.Select(i => (JsonNode)i)]),
            ["labels"] = new JsonArray([.. sequence.Labels.Select(i => (JsonNode)i)]),
        }.ToJsonString());
        var parameters = TinyCausalLM.Weights(shape).Sum(w => (long)w.Data.Length);
        return new JsonObject { ["task"] = "model", ["parameters"] = parameters, ["parameter_bytes"] = parameters * 4, ["length"] = sequence.Ids.Length };
    }

    /// <summary>A prompt-completion row that renders through the model's chat template to exactly <paramref name="length"/> tokens (the filler's length is adjusted until it does).</summary>
    private static TrainingSequence RowOfLength(string dir, int length, out string row)
    {
        using var tokenizer = ModelTokenizer.Load(dir);
        // About a quarter of the row is the completion (what the loss is taken on), the rest the prompt and the template.
        var answer = string.Concat(Enumerable.Repeat("7 bcdfg 31 kmpqv 42 wxyz ", length / 16 + 1))[..Math.Max(length / 4, 4)].Trim();
        var filler = length / 2;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var question = string.Concat(Enumerable.Range(0, Math.Max(filler, 1)).Select(i => "bcdfgkmpqvwxyz0123456789"[i % 24]));
            var example = new SftExample([new TemplateMessage("user", question)], new TemplateMessage("assistant", answer), "data.jsonl", 1);
            var sequence = SftEncoder.Encode(tokenizer, example, int.MaxValue);
            if (sequence.Ids.Length == length)
            {
                row = new JsonObject
                {
                    ["prompt"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
                    ["completion"] = new JsonArray(new JsonObject { ["role"] = "assistant", ["content"] = answer }),
                }.ToJsonString();
                return sequence;
            }
            filler += length - sequence.Ids.Length;
        }
        throw new InvalidOperationException($"no row renders to exactly {length} tokens; try another --length");
    }

    /// <summary>The logits of the training sequence in one pass, for the PyTorch side to compare with its own.</summary>
    private static JsonObject Logits(string dir)
    {
        var ids = Sequence(dir, "ids");
        using var model = CausalLM.Load(dir);
        using var noGrad = no_grad();
        using var input = tensor(ids, [1, ids.Length]);
        using var logits = model.Forward(input);
        var values = logits.data<float>().ToArray();
        using (var file = new BinaryWriter(File.Create(Path.Combine(dir, "ours-logits.bin"))))
        {
            foreach (var v in values)
            {
                file.Write(v);
            }
        }
        return new JsonObject { ["task"] = "logits", ["shape"] = new JsonArray(ids.Length, model.Config.VocabSize) };
    }

    /// <summary>
    /// SftTrainer.Run as `safecomp train sft` runs it (LoRA on every projection, dropout 0, AdamW, clipping), its
    /// per-step tokens/s (forward, backward, clipping and the optimizer step) after the warm-up steps.
    /// </summary>
    private static JsonObject Train(string[] args, string dir)
    {
        var batch = BenchArgs.Int(args, "--batch", 4);
        var warmup = BenchArgs.Int(args, "--warmup", 2);
        var steps = BenchArgs.Int(args, "--steps", 6);
        var rank = BenchArgs.Int(args, "--rank", 16);
        var output = Path.Combine(dir, "ours-run-" + Environment.ProcessId);
        var progress = new StepLog();
        var result = SftTrainer.Run(new SftOptions(dir, Path.Combine(dir, "data.jsonl"), output)
        {
            Steps = warmup + steps,
            BatchSize = batch,
            Lora = new LoraConfig(Rank: rank, Alpha: 2 * rank, Dropout: 0),
            CheckpointEvery = int.MaxValue,
        }, progress);
        Directory.Delete(output, recursive: true);
        var timed = progress.Steps.Skip(warmup).Select(s => s.TokensPerSecond).ToArray();
        return new JsonObject
        {
            ["task"] = "train",
            ["batch"] = batch,
            ["length"] = progress.Steps[0].Tokens / batch,
            ["rank"] = rank,
            ["tokens_per_s"] = Median(timed),
            ["samples"] = new JsonArray([.. timed.Select(t => (JsonNode)Math.Round(t, 1))]),
            ["first_loss"] = progress.Steps[0].Loss,
            ["last_loss"] = result.FinalLoss,
        };
    }

    /// <summary>Greedy generation with the KV cache (TextGenerator, as a `torch:` model answers at temperature 0), no end-of-turn stop, so every run makes the same number of tokens.</summary>
    private static JsonObject Generate(string[] args, string dir)
    {
        var promptTokens = BenchArgs.Int(args, "--prompt-tokens", 32);
        var newTokens = BenchArgs.Int(args, "--new-tokens", 64);
        var repeats = BenchArgs.Int(args, "--repeats", 3);
        using var model = CausalLM.Load(dir);
        var prompt = Enumerable.Range(0, promptTokens).Select(i => (i * 37 + 11) % model.Config.VocabSize).ToArray();
        var settings = new SamplingSettings(0, 1, newTokens, null);
        var noStop = new HashSet<int>();
        TextGenerator.Generate(model, prompt, noStop, settings);
        var rates = new List<double>();
        GeneratedTokens? generated = null;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            generated = TextGenerator.Generate(model, prompt, noStop, settings);
            rates.Add(generated.Tokens.Count / clock.Elapsed.TotalSeconds);
        }
        return new JsonObject
        {
            ["task"] = "generate",
            ["prompt_tokens"] = promptTokens,
            ["new_tokens"] = newTokens,
            ["tokens_per_s"] = Median(rates),
            ["samples"] = new JsonArray([.. rates.Select(t => (JsonNode)Math.Round(t, 1))]),
            ["tokens"] = new JsonArray([.. generated!.Tokens.Select(t => (JsonNode)t)]),
        };
    }

    private static long[] Sequence(string dir, string field) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "sequence.json")))![field]!.AsArray().Select(n => n!.GetValue<long>())];

    private static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The process's resident-set high-water mark, as the kernel keeps it (VmHWM).</summary>
    private static long PeakResidentKb() => File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
        .First();

    /// <summary>Keeps every step as it is reported, on the trainer's thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class StepLog : IProgress<SftStep>
    {
        public List<SftStep> Steps { get; } = [];

        public void Report(SftStep value) => Steps.Add(value);
    }
}
