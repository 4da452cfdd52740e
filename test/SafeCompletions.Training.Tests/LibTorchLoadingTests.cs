using static TorchSharp.torch;

namespace SafeCompletions.Training.Tests;

/// <summary>
/// libtorch loads from the build output with no hand step: TorchSharp's native library needs GLIBCXX_3.4.32, which
/// Debian 12's libstdc++ lacks, unless the build marked that requirement weak (build/LibTorch.targets).
/// </summary>
public sealed class LibTorchLoadingTests
{
    [Fact]
    public void Torch_FromTheBuildOutput_LoadsAndComputes()
    {
        using var x = arange(1, 5, dtype: ScalarType.Float32);

        Assert.Equal(10f, x.sum().item<float>());
    }
}
