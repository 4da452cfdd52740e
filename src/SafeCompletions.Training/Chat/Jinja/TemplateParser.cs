namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>
/// Builds the statement tree from the template's pieces: output, <c>if</c>/<c>elif</c>/<c>else</c>, <c>for</c> (with
/// a filter and an <c>else</c>), <c>set</c>, <c>break</c> and <c>continue</c>. Any other tag (<c>macro</c>,
/// <c>generation</c>, <c>include</c>, …) is refused by name.
/// </summary>
internal sealed class TemplateParser(List<SourcePiece> pieces)
{
    private int _at;

    public static IReadOnlyList<Node> Parse(string template)
    {
        var parser = new TemplateParser(TemplateSource.Split(template));
        var body = parser.Block(out var end);
        return end is null ? body : throw new TemplateException($"unexpected {{% {end} %}}");
    }

    /// <summary>Nodes up to a closing tag (endif, elif, else, endfor), whose text it returns; null at the end of the template.</summary>
    private List<Node> Block(out string? terminator)
    {
        var nodes = new List<Node>();
        while (_at < pieces.Count)
        {
            var piece = pieces[_at++];
            if (piece.IsText)
            {
                nodes.Add(new TextNode(piece.Content));
                continue;
            }
            if (piece.Kind == '{')
            {
                var expression = Expression(piece.Content, out var parser);
                nodes.Add(parser.AtEnd ? new OutputNode(expression) : throw parser.Error("unexpected text after the expression"));
                continue;
            }
            var keyword = piece.Content.Split([' ', '\t', '\n'], 2)[0];
            var rest = piece.Content[keyword.Length..].Trim();
            switch (keyword)
            {
                case "if":
                    nodes.Add(If(rest));
                    break;
                case "for":
                    nodes.Add(For(rest));
                    break;
                case "set":
                    nodes.Add(Set(rest));
                    break;
                case "break":
                    nodes.Add(new BreakNode());
                    break;
                case "continue":
                    nodes.Add(new ContinueNode());
                    break;
                case "endif" or "elif" or "else" or "endfor":
                    terminator = piece.Content;
                    return nodes;
                default:
                    throw new TemplateException($"{{% {keyword} %}} is not supported by this chat template interpreter (if, for, set, break, continue)");
            }
        }
        terminator = null;
        return nodes;
    }

    private IfNode If(string condition)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        var current = Expression(condition, out _);
        while (true)
        {
            var body = Block(out var end);
            branches.Add((current, body));
            switch (end?.Split(' ', 2)[0])
            {
                case "elif":
                    current = Expression(end[4..].Trim(), out _);
                    continue;
                case "else":
                    var otherwise = Block(out var endElse);
                    return endElse == "endif" ? new IfNode(branches, otherwise) : throw new TemplateException("{% else %} without {% endif %}");
                case "endif":
                    return new IfNode(branches, []);
                default:
                    throw new TemplateException($"{{% if {condition} %}} is not closed by {{% endif %}}");
            }
        }
    }

    private ForNode For(string header)
    {
        var parser = new ExpressionParser(ExpressionLexer.Tokenize(header), header);
        var targets = new List<string> { parser.ExpectName() };
        while (parser.Accept(","))
        {
            targets.Add(parser.ExpectName());
        }
        parser.Expect("in");
        var items = parser.Parse(allowConditional: false);
        Expr? filter = parser.Accept("if") ? parser.Parse(allowConditional: false) : null;
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text in the for header");
        }
        var body = Block(out var end);
        if (end == "else")
        {
            var otherwise = Block(out var endElse);
            return endElse == "endfor" ? new ForNode(targets, items, filter, body, otherwise) : throw new TemplateException("{% for %} ... {% else %} without {% endfor %}");
        }
        return end == "endfor" ? new ForNode(targets, items, filter, body, []) : throw new TemplateException($"{{% for {header} %}} is not closed by {{% endfor %}}");
    }

    private static SetNode Set(string statement)
    {
        var parser = new ExpressionParser(ExpressionLexer.Tokenize(statement), statement);
        var name = parser.ExpectName();
        string? attribute = parser.Accept(".") ? parser.ExpectName() : null;
        if (!parser.Accept("="))
        {
            throw new TemplateException($"{{% set {statement} %}}: block assignments are not supported");
        }
        var value = parser.Parse();
        return parser.AtEnd ? new SetNode(name, attribute, value) : throw parser.Error("unexpected text after the value");
    }

    private static Expr Expression(string text, out ExpressionParser parser)
    {
        parser = new ExpressionParser(ExpressionLexer.Tokenize(text), text);
        var expression = parser.Parse();
        return parser.AtEnd ? expression : throw parser.Error("unexpected text after the expression");
    }
}
