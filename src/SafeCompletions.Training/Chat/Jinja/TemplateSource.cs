using System.Text;

namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>One piece of template source: literal text, or a tag (<c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c>) and its content.</summary>
internal sealed record SourcePiece(char Kind, string Content, bool StripBefore, bool StripAfter)
{
    public bool IsText => Kind == 't';

    public bool IsBlockLike => Kind is '%' or '#';
}

/// <summary>
/// Splits a template into text and tags and applies Jinja's whitespace rules as Hugging Face configures them for chat
/// templates: <c>trim_blocks</c> (a block tag eats the newline after it), <c>lstrip_blocks</c> (the indentation before
/// a block tag goes) and the <c>-</c> markers (all whitespace on that side goes).
/// </summary>
internal static class TemplateSource
{
    public static List<SourcePiece> Split(string template)
    {
        var raw = new List<SourcePiece>();
        var at = 0;
        while (at < template.Length)
        {
            var open = NextOpening(template, at);
            if (open < 0)
            {
                raw.Add(new SourcePiece('t', template[at..], false, false));
                break;
            }
            if (open > at)
            {
                raw.Add(new SourcePiece('t', template[at..open], false, false));
            }
            var kind = template[open + 1];
            var closer = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
            var close = template.IndexOf(closer, open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException($"unclosed {{{kind} at offset {open}");
            }
            var inner = template[(open + 2)..close];
            var stripBefore = inner.StartsWith('-');
            var stripAfter = inner.EndsWith('-') && inner.Length > (stripBefore ? 1 : 0);
            inner = inner[(stripBefore || inner.StartsWith('+') ? 1 : 0)..];
            inner = stripAfter || inner.EndsWith('+') ? inner[..^1] : inner;
            raw.Add(new SourcePiece(kind == '{' ? '{' : kind, inner.Trim(), stripBefore, stripAfter));
            at = close + 2;
        }
        return ApplyWhitespace(raw);
    }

    private static int NextOpening(string s, int from)
    {
        for (var i = s.IndexOf('{', from); i >= 0 && i + 1 < s.Length; i = s.IndexOf('{', i + 1))
        {
            if (s[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }
        return -1;
    }

    private static List<SourcePiece> ApplyWhitespace(List<SourcePiece> pieces)
    {
        var result = new List<SourcePiece>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (!piece.IsText)
            {
                if (piece.Kind != '#')
                {
                    result.Add(piece);
                }
                continue;
            }
            var text = piece.Content;
            var previous = i > 0 ? pieces[i - 1] : null;
            var next = i + 1 < pieces.Count ? pieces[i + 1] : null;
            var lineStarting = previous is null;
            if (previous is { StripAfter: true })
            {
                var trimmed = text.TrimStart();
                lineStarting = trimmed.Length < text.Length && text[..(text.Length - trimmed.Length)].EndsWith('\n');
                text = trimmed;
            }
            else if (previous is { IsBlockLike: true })
            {
                var newline = text.StartsWith("\r\n", StringComparison.Ordinal) ? 2 : text.StartsWith('\n') ? 1 : 0;
                text = text[newline..];
                lineStarting = newline > 0;
            }
            if (next is { StripBefore: true })
            {
                text = text.TrimEnd();
            }
            else if (next is { IsBlockLike: true })
            {
                var lineStart = text.LastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && text[lineStart..].All(c => c is ' ' or '\t'))
                {
                    text = text[..lineStart];
                }
            }
            if (text.Length > 0)
            {
                result.Add(piece with { Content = text });
            }
        }
        return result;
    }

    /// <summary>The text of a string literal's body with Python's escapes resolved.</summary>
    public static string Unescape(string body)
    {
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 == body.Length)
            {
                sb.Append(body[i]);
                continue;
            }
            var c = body[++i];
            sb.Append(c switch { 'n' => "\n", 't' => "\t", 'r' => "\r", '\\' => "\\", '\'' => "'", '"' => "\"", _ => "\\" + c });
        }
        return sb.ToString();
    }
}
