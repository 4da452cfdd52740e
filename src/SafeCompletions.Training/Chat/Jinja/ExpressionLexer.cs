using System.Globalization;

namespace SafeCompletions.Training.Chat.Jinja;

internal enum TokenKind
{
    Name,
    String,
    Number,
    Operator,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, object? Value = null);

/// <summary>Splits a tag's content into names, literals and operators.</summary>
internal static class ExpressionLexer
{
    private static readonly string[] Operators =
        ["==", "!=", "<=", ">=", "//", "**", "<", ">", "+", "-", "*", "/", "%", "~", "|", ".", ",", ":", "(", ")", "[", "]", "{", "}", "="];

    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Name, source[start..i]));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < source.Length && (char.IsDigit(source[i]) || (source[i] == '.' && i + 1 < source.Length && char.IsDigit(source[i + 1]))))
                {
                    i++;
                }
                var text = source[start..i];
                tokens.Add(new Token(TokenKind.Number, text, text.Contains('.')
                    ? (object)double.Parse(text, CultureInfo.InvariantCulture)
                    : long.Parse(text, CultureInfo.InvariantCulture)));
            }
            else if (c is '\'' or '"')
            {
                var start = ++i;
                while (i < source.Length && source[i] != c)
                {
                    i += source[i] == '\\' ? 2 : 1;
                }
                if (i >= source.Length)
                {
                    throw new TemplateException($"unterminated string in '{source}'");
                }
                tokens.Add(new Token(TokenKind.String, source[start..i], TemplateSource.Unescape(source[start..i])));
                i++;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0)
                    ?? throw new TemplateException($"unexpected character '{c}' in '{source}'");
                tokens.Add(new Token(TokenKind.Operator, op));
                i += op.Length;
            }
        }
        tokens.Add(new Token(TokenKind.End, ""));
        return tokens;
    }
}
