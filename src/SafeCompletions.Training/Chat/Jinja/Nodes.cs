namespace SafeCompletions.Training.Chat.Jinja;

// The syntax tree of the Jinja subset chat templates use: statements, then expressions.
internal abstract record Node;

internal sealed record TextNode(string Text) : Node;

internal sealed record OutputNode(Expr Value) : Node;

internal sealed record IfNode(IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node> Else) : Node;

internal sealed record ForNode(IReadOnlyList<string> Targets, Expr Items, Expr? Filter, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else) : Node;

/// <summary><c>set name = value</c>, or <c>set ns.attr = value</c> on a namespace.</summary>
internal sealed record SetNode(string Name, string? Attribute, Expr Value) : Node;

internal sealed record BreakNode : Node;

internal sealed record ContinueNode : Node;

internal abstract record Expr;

internal sealed record Literal(object? Value) : Expr;

internal sealed record NameExpr(string Name) : Expr;

internal sealed record AttributeExpr(Expr Target, string Name) : Expr;

internal sealed record IndexExpr(Expr Target, Expr Index) : Expr;

internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step) : Expr;

internal sealed record CallExpr(Expr Target, IReadOnlyList<Expr> Arguments, IReadOnlyDictionary<string, Expr> Named) : Expr;

internal sealed record FilterExpr(Expr Target, string Name, IReadOnlyList<Expr> Arguments, IReadOnlyDictionary<string, Expr> Named) : Expr;

internal sealed record TestExpr(Expr Target, string Name, IReadOnlyList<Expr> Arguments, bool Negated) : Expr;

internal sealed record UnaryExpr(string Operator, Expr Operand) : Expr;

internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right) : Expr;

internal sealed record ConditionalExpr(Expr Then, Expr Condition, Expr? Else) : Expr;

internal sealed record ListExpr(IReadOnlyList<Expr> Items) : Expr;

internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Items) : Expr;
