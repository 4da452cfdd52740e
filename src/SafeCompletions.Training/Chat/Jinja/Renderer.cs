using System.Text;

namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>Runs a parsed template against its variables, with Jinja's scoping: a loop's body sees its own <c>set</c>s only.</summary>
internal sealed class Renderer
{
    private readonly List<Dictionary<string, object?>> _scopes;
    private readonly StringBuilder _output = new();

    public Renderer(Dictionary<string, object?> variables) => _scopes = [Builtins.Globals(), variables];

    public string Render(IReadOnlyList<Node> nodes)
    {
        Execute(nodes);
        return _output.ToString();
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private Flow Execute(IReadOnlyList<Node> nodes)
    {
        foreach (var node in nodes)
        {
            var flow = node switch
            {
                TextNode t => Append(t.Text),
                OutputNode o => Append(PyValues.Str(Eval(o.Value))),
                IfNode i => Execute(i.Branches.FirstOrDefault(b => PyValues.Truthy(Eval(b.Condition))).Body ?? i.Else),
                ForNode f => For(f),
                SetNode s => Set(s),
                BreakNode => Flow.Break,
                ContinueNode => Flow.Continue,
                _ => throw new TemplateException($"unknown node {node.GetType().Name}"),
            };
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    private Flow Append(string text)
    {
        _output.Append(text);
        return Flow.Normal;
    }

    private Flow Set(SetNode s)
    {
        var value = Eval(s.Value);
        if (s.Attribute is null)
        {
            _scopes[^1][s.Name] = value;
        }
        else if (Lookup(s.Name) is Namespace ns)
        {
            ns[s.Attribute] = value;
        }
        else
        {
            throw new TemplateException($"{{% set {s.Name}.{s.Attribute} %}}: {s.Name} is not a namespace");
        }
        return Flow.Normal;
    }

    private Flow For(ForNode f)
    {
        var source = Eval(f.Items);
        var items = (source is Dictionary<string, object?> d && f.Targets.Count == 2
            ? d.Select(p => (object?)new List<object?> { p.Key, p.Value })
            : PyValues.Iterate(source)).ToList();
        if (f.Filter is not null)
        {
            items = [.. items.Where(item => { var scope = Bind(f.Targets, item); _scopes.Add(scope); try { return PyValues.Truthy(Eval(f.Filter)); } finally { _scopes.RemoveAt(_scopes.Count - 1); } })];
        }
        if (items.Count == 0)
        {
            return Execute(f.Else);
        }
        for (var i = 0; i < items.Count; i++)
        {
            var scope = Bind(f.Targets, items[i]);
            scope["loop"] = new Dictionary<string, object?>
            {
                ["index"] = (long)i + 1, ["index0"] = (long)i, ["first"] = i == 0, ["last"] = i == items.Count - 1, ["length"] = (long)items.Count,
                ["revindex"] = (long)(items.Count - i), ["revindex0"] = (long)(items.Count - i - 1),
                ["previtem"] = i > 0 ? items[i - 1] : Undefined.Value, ["nextitem"] = i + 1 < items.Count ? items[i + 1] : Undefined.Value,
            };
            _scopes.Add(scope);
            try
            {
                if (Execute(f.Body) == Flow.Break)
                {
                    break;
                }
            }
            finally
            {
                _scopes.RemoveAt(_scopes.Count - 1);
            }
        }
        return Flow.Normal;
    }

    private static Dictionary<string, object?> Bind(IReadOnlyList<string> targets, object? item)
    {
        if (targets.Count == 1)
        {
            return new() { [targets[0]] = item };
        }
        var values = PyValues.Iterate(item).ToList();
        return values.Count == targets.Count
            ? targets.Select((t, i) => (t, values[i])).ToDictionary(p => p.t, p => p.Item2)
            : throw new TemplateException($"cannot unpack {values.Count} values into {targets.Count} names");
    }

    private object? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var value))
            {
                return value;
            }
        }
        return Undefined.Value;
    }

    private object? Eval(Expr e) => e switch
    {
        Literal l => l.Value,
        NameExpr n => Lookup(n.Name),
        AttributeExpr a => Builtins.Attribute(Eval(a.Target), a.Name),
        IndexExpr i => Builtins.Item(Eval(i.Target), Eval(i.Index)),
        SliceExpr s => Builtins.Slice(Eval(s.Target), s.Start is null ? null : Eval(s.Start), s.Stop is null ? null : Eval(s.Stop), s.Step is null ? null : Eval(s.Step)),
        CallExpr c => Call(Eval(c.Target), [.. c.Arguments.Select(Eval)], c.Named.ToDictionary(p => p.Key, p => Eval(p.Value))),
        FilterExpr f => Builtins.Filter(f.Name, Eval(f.Target), [.. f.Arguments.Select(Eval)], f.Named.ToDictionary(p => p.Key, p => Eval(p.Value))),
        TestExpr t => Builtins.Test(t.Name, Eval(t.Target), [.. t.Arguments.Select(Eval)]) != t.Negated,
        UnaryExpr { Operator: "not" } u => !PyValues.Truthy(Eval(u.Operand)),
        UnaryExpr u => Eval(u.Operand) switch { long l => (object)(-l), double d => -d, var v => throw new TemplateException($"cannot negate {PyValues.TypeName(v)}") },
        BinaryExpr { Operator: "and" } b => Eval(b.Left) is var left && !PyValues.Truthy(left) ? left : Eval(b.Right),
        BinaryExpr { Operator: "or" } b => Eval(b.Left) is var left && PyValues.Truthy(left) ? left : Eval(b.Right),
        BinaryExpr b => Builtins.Binary(b.Operator, Eval(b.Left), Eval(b.Right)),
        ConditionalExpr c => PyValues.Truthy(Eval(c.Condition)) ? Eval(c.Then) : c.Else is null ? Undefined.Value : Eval(c.Else),
        ListExpr l => l.Items.Select(Eval).ToList(),
        DictExpr d => d.Items.ToDictionary(p => PyValues.Str(Eval(p.Key)), p => Eval(p.Value)),
        _ => throw new TemplateException($"unknown expression {e.GetType().Name}"),
    };

    private static object? Call(object? target, List<object?> arguments, Dictionary<string, object?> named) => target switch
    {
        Function f => f.Call(arguments, named),
        BoundMethod m => Builtins.Method(m.Target, m.Name, arguments),
        _ => throw new TemplateException($"{PyValues.TypeName(target)} is not callable"),
    };
}
