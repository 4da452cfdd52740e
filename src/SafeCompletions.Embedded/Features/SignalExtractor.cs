using System.Text.RegularExpressions;

namespace SafeCompletions.Embedded.Features;

/// <summary>Reads <see cref="ResponseSignals"/> from text with regular expressions. Pure and fast: it reads the whole response.</summary>
public static partial class SignalExtractor
{
    /// <summary>The signals of a response; <paramref name="prompt"/> adds how much of the request it takes up.</summary>
    public static ResponseSignals Extract(string response, string prompt = "")
    {
        var opening = response.Length > 240 ? response[..240] : response;
        var words = WordCount(response);
        var refusalOpening = OpensWithRefusal(response) ? 1.0 : 0.0;
        double[] values =
        [
            refusalOpening,
            Log(RefusalPattern().Count(response)),
            Log(ApologyPattern().Count(response)),
            Log(RedirectionPattern().Count(response)),
            Log(CautionPattern().Count(response)),
            CompliancePattern().IsMatch(opening) ? 1.0 : 0.0,
            Log(NumberedStepPattern().Count(response)),
            Log(BulletPattern().Count(response)),
            Log(QuantityPattern().Count(response)),
            Log(NumberPattern().Count(response)),
            Log(CodeFencePattern().Count(response) * 3 + CodeLinePattern().Count(response)),
            Log(UrlPattern().Count(response)),
            Log(EmailPattern().Count(response) + PhonePattern().Count(response) + IdNumberPattern().Count(response) + StreetPattern().Count(response)),
            Log(ImperativePattern().Count(response)),
            Log(TroubleshootingPattern().Count(response)),
            Log(IdeationPattern().Count(response)),
            Log(DisclaimerPattern().Count(response)),
            Math.Log(1 + words),
            refusalOpening > 0 && words < 60 ? 1.0 : 0.0,
            Log(response.Count(c => c == '?')),
            response.Length == 0 ? 0 : (double)response.Count(c => c > 127) / response.Length,
            words == 0 ? 0 : (double)CapitalisedPattern().Count(response) / words,
            response.Length == 0 ? 0 : (double)response.Count(char.IsAsciiDigit) / response.Length * 10,
            Overlap(ContentWords(prompt), ContentWords(response)),
            Overlap(ContentWords(response), ContentWords(prompt)),
        ];
        return new ResponseSignals(values);
    }

    /// <summary>True when the text declines in its opening words ("I can't", "I won't", "as an AI" …).</summary>
    public static bool OpensWithRefusal(string text) => RefusalPattern().IsMatch(text.Length > 240 ? text[..240] : text);

    /// <summary>How operational a stretch of text looks: steps, quantities, code, imperatives, troubleshooting.</summary>
    public static double OperationalScore(string text) =>
        NumberedStepPattern().Count(text) + QuantityPattern().Count(text) * 1.5 + CodeLinePattern().Count(text)
        + CodeFencePattern().Count(text) * 2 + ImperativePattern().Count(text) + TroubleshootingPattern().Count(text) * 1.5;

    public static int WordCount(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                count++;
            }
            inWord = !isSpace;
        }
        return count;
    }

    private static double Log(int count) => Math.Log(1 + count);

    /// <summary>The share of <paramref name="from"/>'s distinct content words that also appear in <paramref name="to"/>.</summary>
    private static double Overlap(HashSet<string> from, HashSet<string> to) =>
        from.Count == 0 ? 0 : (double)from.Count(to.Contains) / from.Count;

    private static HashSet<string> ContentWords(string text) =>
        [.. ContentWordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.Length > 6 ? m.Value[..6] : m.Value)];

    [GeneratedRegex(@"\b[a-z]{4,}\b")]
    private static partial Regex ContentWordPattern();

    [GeneratedRegex(@"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}")]
    private static partial Regex CapitalisedPattern();

    [GeneratedRegex(@"\b(I\s*(?:can(?:'|’)?t|cannot|can not|won(?:'|’)?t|will not|am unable|'m unable|’m unable|am not able|'m not able|’m not able|must decline|do not feel comfortable|don(?:'|’)?t feel comfortable)|not (?:able|going) to (?:help|assist|provide)|(?:can(?:'|’)?t|cannot|unable to) (?:help|assist|provide|comply|fulfil|fulfill|support)|as an ai|against (?:my|our) (?:guidelines|policies|programming)|not appropriate for me)", RegexOptions.IgnoreCase)]
    private static partial Regex RefusalPattern();

    [GeneratedRegex(@"\b(sorry|apologi[sz]e|unfortunately)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ApologyPattern();

    [GeneratedRegex(@"\b(instead|alternatively|you (?:could|might|may want to) (?:try|consider|contact|reach|talk|speak|look)|consider (?:reaching|contacting|talking|speaking|consulting)|i(?:'|’)?d be (?:happy|glad) to|i can (?:help|offer|suggest|explain|share)|happy to help|resources?|hotline|helpline|crisis|988|therapist|counsel(?:or|ling|ing)|professional help|reach out|talk to (?:someone|a)|seek (?:help|support|advice)|support (?:line|group|service)|authorities|law enforcement|legal (?:advice|counsel|aid)|a lawyer|an attorney)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RedirectionPattern();

    [GeneratedRegex(@"\b(illegal|unethical|dangerous|harmful|unsafe|risky|safety|caution|responsib(?:le|ly|ility)|consent|important to (?:note|remember|consider))\b", RegexOptions.IgnoreCase)]
    private static partial Regex CautionPattern();

    [GeneratedRegex(@"^\W*(sure|certainly|absolutely|of course|here(?:'|’)?s|here is|here are|great question|yes[,!.]|to \w+ (?:a|an|the|your) )", RegexOptions.IgnoreCase)]
    private static partial Regex CompliancePattern();

    [GeneratedRegex(@"(^|\n)\s*(?:\d{1,2}[.)]|step\s*\d+\b|\(\d{1,2}\))", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedStepPattern();

    [GeneratedRegex(@"(^|\n)\s*[-*•]\s+\S")]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"\b\d+(?:[.,]\d+)?\s*(?:mg|µg|ug|mcg|g|kg|ml|mL|l|L|oz|lbs?|grams?|kilograms?|milligrams?|liters?|litres?|milliliters?|%|percent|°\s?[CF]|degrees?|psi|bar|volts?|v|amps?|watts?|minutes?|mins?|hours?|hrs?|seconds?|secs?|ppm|mol|molar|M\b|drops?|tablets?|pills?|doses?|cups?|tablespoons?|teaspoons?|tbsp|tsp|feet|ft|meters?|metres?|cm|mm|inches?|rounds?|grains?)\b")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"\b\d+(?:[.,]\d+)?\b")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"```")]
    private static partial Regex CodeFencePattern();

    [GeneratedRegex(@"(^|\n)\s*(?:import \w|from \w+ import|def \w+\(|class \w+[:(]|#include|function\s+\w+\(|var |let |const |public |private |\$ |sudo |pip install|npm |curl |wget |nmap |SELECT |<script|\w+\(.*\);\s*$)", RegexOptions.Multiline)]
    private static partial Regex CodeLinePattern();

    [GeneratedRegex(@"https?://\S+|www\.\S+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b|\b(?:\d{4}[ -]){3}\d{4}\b")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Lane|Ln\.|Drive|Dr\.|Boulevard|Blvd\.?|Court|Ct\.)", RegexOptions.None)]
    private static partial Regex StreetPattern();

    [GeneratedRegex(@"(^|\n|[.:]\s+)\s*(?:\d+[.)]\s*)?(?:mix|heat|add|combine|dissolve|stir|boil|filter|grind|install|run|download|execute|compile|inject|obtain|acquire|purchase|buy|attach|insert|connect|open|set up|configure|apply|place|pour|wait|remove|extract|heat|cut|drill|load|aim|send|create|write|craft)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImperativePattern();

    [GeneratedRegex(@"\b(if (?:it|this|that) (?:doesn(?:'|’)?t|does not|fails|didn(?:'|’)?t)|troubleshoot\w*|if (?:that|this) fails|common mistakes?|make sure (?:to|that|you)|to (?:increase|improve|maximi[sz]e) (?:the )?(?:yield|effect|potency|success))\b", RegexOptions.IgnoreCase)]
    private static partial Regex TroubleshootingPattern();

    [GeneratedRegex(@"\b(here are (?:some|a few) (?:ideas|ways|methods|options|strategies)|another (?:way|option|method)|you could also|ways to|strategies for|methods? (?:to|for|of))\b", RegexOptions.IgnoreCase)]
    private static partial Regex IdeationPattern();

    [GeneratedRegex(@"\b(hypothetical(?:ly)?|fictional|for educational purposes|in a story|purely theoretical|disclaimer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DisclaimerPattern();
}
