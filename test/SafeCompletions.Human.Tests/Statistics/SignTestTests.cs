using SafeCompletions.Human.Statistics;

namespace SafeCompletions.Human.Tests.Statistics;

public sealed class SignTestTests
{
    [Fact]
    public void PValue_EightToTwo_IsTwiceTheBinomialTail()
    {
        // P(X <= 2) for Binomial(10, 1/2) = (1 + 10 + 45) / 1024.
        Assert.Equal(2 * 56 / 1024.0, SignTest.PValue(8, 2), precision: 12);
        Assert.Equal(SignTest.PValue(8, 2), SignTest.PValue(2, 8), precision: 15);
    }

    [Fact]
    public void PValue_EvenSplitOrNothing_IsOne()
    {
        Assert.Equal(1, SignTest.PValue(5, 5));
        Assert.Equal(1, SignTest.PValue(0, 0));
    }

    [Fact]
    public void PValue_AllOneWay_IsTwoOverTwoToTheN()
    {
        Assert.Equal(2 / 4096.0, SignTest.PValue(12, 0), precision: 15);
    }
}
