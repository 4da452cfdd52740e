namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>
/// Parses one expression with Jinja's precedence: conditional, or, and, not, comparisons and tests, + and -, ~,
/// * / // %, unary minus, then a primary with its attributes, subscripts, calls and filters.
/// </summary>
internal sealed class ExpressionParser(List<Token> tokens, string source)
{
    private int _at;

    public Token Peek => tokens[_at];

    public bool AtEnd => Peek.Kind == TokenKind.End;

    public Token Next() => tokens[_at++];

    public bool IsName(string name) => Peek.Kind == TokenKind.Name && Peek.Text == name;

    public bool IsOperator(string op) => Peek.Kind == TokenKind.Operator && Peek.Text == op;

    public bool Accept(string op)
    {
        if (IsOperator(op) || IsName(op))
        {
            _at++;
            return true;
        }
        return false;
    }

    public void Expect(string op)
    {
        if (!Accept(op))
        {
            throw Error($"expected '{op}'");
        }
    }

    public string ExpectName() => Peek.Kind == TokenKind.Name ? Next().Text : throw Error("expected a name");

    public TemplateException Error(string problem) => new($"{problem} at '{Peek.Text}' in '{source}'");

    public Expr Parse(bool allowConditional = true)
    {
        var value = Or();
        if (allowConditional && IsName("if"))
        {
            Next();
            var condition = Or();
            Expr? otherwise = Accept("else") ? Parse() : null;
            return new ConditionalExpr(value, condition, otherwise);
        }
        return value;
    }

    private Expr Or()
    {
        var left = And();
        while (Accept("or"))
        {
            left = new BinaryExpr("or", left, And());
        }
        return left;
    }

    private Expr And()
    {
        var left = Not();
        while (Accept("and"))
        {
            left = new BinaryExpr("and", left, Not());
        }
        return left;
    }

    private Expr Not() => Accept("not") ? new UnaryExpr("not", Not()) : Compare();

    private Expr Compare()
    {
        var left = Add();
        while (true)
        {
            if (Peek.Kind == TokenKind.Operator && Peek.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                var op = Next().Text;
                left = new BinaryExpr(op, left, Add());
            }
            else if (Accept("in"))
            {
                left = new BinaryExpr("in", left, Add());
            }
            else if (IsName("not") && tokens[_at + 1] is { Kind: TokenKind.Name, Text: "in" })
            {
                _at += 2;
                left = new UnaryExpr("not", new BinaryExpr("in", left, Add()));
            }
            else if (Accept("is"))
            {
                var negated = Accept("not");
                var name = ExpectName();
                var arguments = new List<Expr>();
                if (Accept("("))
                {
                    arguments.AddRange(Arguments(out _));
                }
                else if (Peek.Kind is TokenKind.String or TokenKind.Number)
                {
                    arguments.Add(Primary());
                }
                left = new TestExpr(left, name, arguments, negated);
            }
            else
            {
                return left;
            }
        }
    }

    private Expr Add()
    {
        var left = Concat();
        while (IsOperator("+") || IsOperator("-"))
        {
            var op = Next().Text;
            left = new BinaryExpr(op, left, Concat());
        }
        return left;
    }

    private Expr Concat()
    {
        var left = Multiply();
        while (Accept("~"))
        {
            left = new BinaryExpr("~", left, Multiply());
        }
        return left;
    }

    private Expr Multiply()
    {
        var left = Unary();
        while (Peek.Kind == TokenKind.Operator && Peek.Text is "*" or "/" or "//" or "%")
        {
            var op = Next().Text;
            left = new BinaryExpr(op, left, Unary());
        }
        return left;
    }

    private Expr Unary() => Accept("-") ? new UnaryExpr("-", Unary()) : Filters(Postfix(Primary()));

    private Expr Filters(Expr value)
    {
        while (Accept("|"))
        {
            var name = ExpectName();
            var arguments = new List<Expr>();
            IReadOnlyDictionary<string, Expr> named = new Dictionary<string, Expr>();
            if (Accept("("))
            {
                arguments.AddRange(Arguments(out var n));
                named = n;
            }
            value = Postfix(new FilterExpr(value, name, arguments, named));
        }
        return value;
    }

    private Expr Postfix(Expr value)
    {
        while (true)
        {
            if (Accept("."))
            {
                value = new AttributeExpr(value, ExpectName());
            }
            else if (Accept("["))
            {
                Expr? start = IsOperator(":") ? null : Parse();
                if (Accept(":"))
                {
                    Expr? stop = IsOperator(":") || IsOperator("]") ? null : Parse();
                    Expr? step = Accept(":") && !IsOperator("]") ? Parse() : null;
                    value = new SliceExpr(value, start, stop, step);
                }
                else
                {
                    value = new IndexExpr(value, start ?? throw Error("empty subscript"));
                }
                Expect("]");
            }
            else if (Accept("("))
            {
                var arguments = Arguments(out var named);
                value = new CallExpr(value, arguments, named);
            }
            else
            {
                return value;
            }
        }
    }

    /// <summary>Call arguments after the opening parenthesis, through the closing one.</summary>
    private List<Expr> Arguments(out Dictionary<string, Expr> named)
    {
        var positional = new List<Expr>();
        named = [];
        while (!Accept(")"))
        {
            if (Peek.Kind == TokenKind.Name && tokens[_at + 1] is { Kind: TokenKind.Operator, Text: "=" })
            {
                var name = Next().Text;
                Next();
                named[name] = Parse();
            }
            else
            {
                positional.Add(Parse());
            }
            if (!IsOperator(")"))
            {
                Expect(",");
            }
        }
        return positional;
    }

    private Expr Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.String:
                var text = (string)token.Value!;
                while (Peek.Kind == TokenKind.String)
                {
                    text += (string)Next().Value!;
                }
                return new Literal(text);
            case TokenKind.Number:
                return new Literal(token.Value);
            case TokenKind.Name:
                return token.Text switch
                {
                    "true" or "True" => new Literal(true),
                    "false" or "False" => new Literal(false),
                    "none" or "None" => new Literal(null),
                    _ => new NameExpr(token.Text),
                };
        }
        if (token.Text == "(")
        {
            var inner = Parse();
            if (IsOperator(","))
            {
                var items = new List<Expr> { inner };
                while (Accept(",") && !IsOperator(")"))
                {
                    items.Add(Parse());
                }
                inner = new ListExpr(items);
            }
            Expect(")");
            return inner;
        }
        if (token.Text == "[")
        {
            var items = new List<Expr>();
            while (!Accept("]"))
            {
                items.Add(Parse());
                if (!IsOperator("]"))
                {
                    Expect(",");
                }
            }
            return new ListExpr(items);
        }
        if (token.Text == "{")
        {
            var items = new List<(Expr, Expr)>();
            while (!Accept("}"))
            {
                var key = Parse();
                Expect(":");
                items.Add((key, Parse()));
                if (!IsOperator("}"))
                {
                    Expect(",");
                }
            }
            return new DictExpr(items);
        }
        _at--;
        throw Error("expected a value");
    }
}
