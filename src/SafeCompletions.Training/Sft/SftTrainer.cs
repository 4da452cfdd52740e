using System.Diagnostics;
using SafeCompletions.Files;
using SafeCompletions.Training.Lora;
using SafeCompletions.Training.Modeling;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace SafeCompletions.Training.Sft;

/// <summary>
/// Supervised fine-tuning with LoRA: the loss on the completion tokens only, AdamW under a warm-up-then-cosine rate,
/// gradients clipped to a norm, a metrics row per step and a checkpoint every few, from which a killed run resumes
/// on the same curve. Everything random (initial A, the row order, the dropout masks) follows from the seed and the step.
/// </summary>
public static class SftTrainer
{
    public static SftResult Run(SftOptions options, IProgress<SftStep>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validated();
        var rows = SftDataReader.Read(options.DataPath);
        using var model = TorchModel.Load(options.ModelDirectory);
        var sequences = rows.Select(r => SftEncoder.Encode(model.Tokenizer, r, options.MaxLength)).ToArray();
        OutputDirectory.Create(options.OutDirectory);
        var network = model.Network;
        var baseModel = Path.GetFullPath(options.ModelDirectory);
        var total = options.TotalSteps(sequences.Length);
        var expected = new CheckpointState(0, total, options.Seed, sequences.Length, options.RowsPerStep, options.LearningRate, options.Lora.Rank);

        LoraAdapters.Attach(network, options.Lora, options.Seed);
        var checkpoint = TrainingCheckpoint.Find(options.OutDirectory);
        var start = 0;
        if (checkpoint is not null)
        {
            var state = TrainingCheckpoint.ReadState(checkpoint);
            if (state with { Step = 0 } != expected)
            {
                throw SftRowError.At(Path.Combine(checkpoint, "state.json"), 1, "run", $"a checkpoint of another run ({state}); use a new --out or delete it");
            }
            TrainingCheckpoint.LoadAdapter(checkpoint, network);
            start = state.Step;
        }
        var parameters = LoraAdapters.Parameters(network);
        using var optimizer = optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        if (checkpoint is not null)
        {
            TrainingCheckpoint.LoadOptimizer(checkpoint, optimizer);
        }
        var metrics = new MetricsLog(Path.Combine(options.OutDirectory, "metrics.jsonl"));
        metrics.KeepThrough(start);
        var schedule = new LearningRateSchedule(options.LearningRate, (int)Math.Round(options.WarmupRatio * total), total);
        var order = new RowOrder(sequences.Length, options.Seed);
        var clock = Stopwatch.StartNew();
        var loss = double.NaN;
        network.Training = true;
        for (var step = start; step < total; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var began = clock.Elapsed.TotalSeconds;
            var rate = schedule.At(step);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }
            manual_seed(options.Seed * 1_000_003L + step);
            var batch = Enumerable.Range(step * options.RowsPerStep, options.RowsPerStep).Select(p => sequences[order.At(p)]).ToArray();
            var (stepLoss, tokens) = Accumulate(network, batch, options.BatchSize);
            var norm = nn.utils.clip_grad_norm_(parameters, options.MaxGradNorm);
            optimizer.step();
            optimizer.zero_grad();
            loss = stepLoss;
            var elapsed = clock.Elapsed.TotalSeconds;
            var row = new SftStep(step + 1, total, stepLoss, rate, norm, tokens, tokens / Math.Max(elapsed - began, 1e-9), elapsed);
            metrics.Append(row);
            progress?.Report(row);
            if ((step + 1) % options.CheckpointEvery == 0 && step + 1 < total)
            {
                TrainingCheckpoint.Save(options.OutDirectory, network, options.Lora, baseModel, optimizer, expected with { Step = step + 1 });
            }
        }
        network.Training = false;
        var adapter = Path.Combine(options.OutDirectory, "adapter");
        PeftAdapter.Save(adapter, network, options.Lora, baseModel);
        TrainingCheckpoint.Save(options.OutDirectory, network, options.Lora, baseModel, optimizer, expected with { Step = total });
        string? merged = null;
        if (options.Merge)
        {
            merged = Path.Combine(options.OutDirectory, "merged");
            MergedModel.Save(merged, network, options.ModelDirectory);
        }
        return new SftResult(adapter, merged, total, start, loss);
    }

    /// <summary>Forward and backward over the step's rows in micro-batches; the loss is the mean over the step's trained tokens.</summary>
    private static (double Loss, int Tokens) Accumulate(CausalLM network, TrainingSequence[] rows, int batchSize)
    {
        var trained = rows.Sum(r => r.TrainedTokens);
        var sum = 0.0;
        foreach (var chunk in rows.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            var (ids, labels) = Pad(chunk);
            var logits = network.Forward(ids);
            var loss = cross_entropy(logits.view(-1, logits.shape[2]), labels.view(-1), ignore_index: TrainingSequence.Ignored, reduction: nn.Reduction.Sum) / trained;
            loss.backward();
            sum += loss.item<float>();
        }
        return (sum, rows.Sum(r => r.Ids.Length));
    }

    /// <summary>Right-pads to the longest row: causal attention keeps padding out of the real positions, and its labels are ignored.</summary>
    private static (Tensor Ids, Tensor Labels) Pad(TrainingSequence[] rows)
    {
        var length = rows.Max(r => r.Ids.Length);
        var ids = new long[rows.Length * length];
        var labels = Enumerable.Repeat(TrainingSequence.Ignored, ids.Length).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].Ids.CopyTo(ids, i * length);
            rows[i].Labels.CopyTo(labels, i * length);
        }
        return (tensor(ids, [rows.Length, length]), tensor(labels, [rows.Length, length]));
    }
}
