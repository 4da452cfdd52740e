namespace SafeCompletions.Cli.Tests.TestDoubles;

/// <summary>
/// Tests that run torch models inside the test process take turns: libtorch's random generator (seeded by training
/// and sampling) and its thread pool are process-wide, so two runs at once in one process would draw from each other's
/// stream. A `safecomp` process runs one job, so the product never meets this; a test process running several does.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchInProcess
{
    public const string Name = "torch models in the test process";
}
