using SafeCompletions.Grading;

namespace SafeCompletions.Embedded;

/// <summary>
/// The measured accuracy of the embedded grader with the committed default weights, as docs/embedded-grader.md
/// ("Measured accuracy") gives it. The card names the weights' fingerprint, so grades made with other weights
/// (<c>--weights</c>) get no card: their accuracy is whatever <c>grader train --cross-validate</c> measured for them.
/// A test checks the fingerprint against the shipped weights and the figures against the page, so retraining the
/// weights without measuring them again fails the build's tests.
/// </summary>
public static class EmbeddedGraderCard
{
    /// <summary>The first 12 hex digits of the SHA-256 of the committed default weights.</summary>
    public const string DefaultWeightsFingerprint = "83dd56b1f9a2";

    public static GraderCard Default { get; } = new(
        $"embedded/{EmbeddedGrader.Version}+sha256:{DefaultWeightsFingerprint}",
        "2026-12-04",
        "5-fold cross-validation split by prompt: each row graded by heads trained on the other folds (committed split; mean over 5 splits)",
        "docs/embedded-grader.md, \"Measured accuracy\" (bench/embedded-grader.sh --splits 5)",
        [
            new("XSTest", "3-way mode: direct / safe_completion / refusal against full / partial / full refusal", 802, 900, 0.896),
            new("HarmBench dev", "unsafe against the majority of three humans", 249, 320, 0.766),
            new("RBR", "complies (full or partial) vs refusal", 207, 213, 0.968),
            new("RBR", "disallowed_content vs unsafe", 334, 351, 0.942),
        ]);
}
