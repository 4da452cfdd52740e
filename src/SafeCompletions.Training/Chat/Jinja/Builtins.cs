using System.Globalization;

namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>The operators, attributes, methods, filters, tests and globals chat templates use; anything else is refused by name.</summary>
internal static class Builtins
{
    public static Dictionary<string, object?> Globals() => new()
    {
        ["raise_exception"] = new Function("raise_exception", (a, _) => throw new TemplateException(PyValues.Str(a.FirstOrDefault()))),
        ["namespace"] = new Function("namespace", (_, named) => { var ns = new Namespace(); foreach (var (k, v) in named) ns[k] = v; return ns; }),
        ["range"] = new Function("range", (a, _) => Range(a)),
        ["strftime_now"] = new Function("strftime_now", (a, _) => StrftimeNow(PyValues.Str(a.FirstOrDefault()))),
    };

    public static object? Attribute(object? target, string name) => target switch
    {
        Undefined => throw new TemplateException($"'{name}' of an undefined value"),
        Namespace ns => ns.TryGetValue(name, out var v) ? v : Undefined.Value,
        Dictionary<string, object?> d when name is "items" or "keys" or "values" or "get" => new BoundMethod(d, name),
        Dictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : Undefined.Value,
        string or List<object?> => new BoundMethod(target, name),
        _ => Undefined.Value,
    };

    public static object? Item(object? target, object? index) => (target, index) switch
    {
        (Undefined, _) => throw new TemplateException($"[{PyValues.Repr(index)}] of an undefined value"),
        (Dictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) ? v : Undefined.Value,
        (List<object?> list, long i) => (i < 0 ? list.Count + i : i) is var at && at >= 0 && at < list.Count ? list[(int)at] : Undefined.Value,
        (string s, long i) => (i < 0 ? s.Length + i : i) is var at && at >= 0 && at < s.Length ? s[(int)at].ToString() : Undefined.Value,
        _ => Undefined.Value,
    };

    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        var items = target switch
        {
            List<object?> list => list,
            string s => [.. s.Select(c => (object?)c.ToString())],
            _ => throw new TemplateException($"cannot slice {PyValues.TypeName(target)}"),
        };
        var by = step is long l ? l : 1;
        if (by == 0)
        {
            throw new TemplateException("slice step cannot be zero");
        }
        long Clamp(object? value, long fallback)
        {
            if (value is not long v)
            {
                return fallback;
            }
            v = v < 0 ? v + items.Count : v;
            return by > 0 ? Math.Clamp(v, 0, items.Count) : Math.Clamp(v, -1, items.Count - 1);
        }
        var (from, to) = by > 0 ? (Clamp(start, 0), Clamp(stop, items.Count)) : (Clamp(start, items.Count - 1), Clamp(stop, -1));
        var result = new List<object?>();
        for (var i = from; by > 0 ? i < to : i > to; i += by)
        {
            result.Add(items[(int)i]);
        }
        return target is string ? string.Concat(result.Select(PyValues.Str)) : result;
    }

    public static object? Binary(string op, object? a, object? b) => (op, a, b) switch
    {
        ("==", _, _) => PyValues.Equals(a, b),
        ("!=", _, _) => !PyValues.Equals(a, b),
        ("<", _, _) => PyValues.Compare(a, b) < 0,
        (">", _, _) => PyValues.Compare(a, b) > 0,
        ("<=", _, _) => PyValues.Compare(a, b) <= 0,
        (">=", _, _) => PyValues.Compare(a, b) >= 0,
        ("~", _, _) => PyValues.Str(a) + PyValues.Str(b),
        ("in", _, string s) => a is string sub ? s.Contains(sub, StringComparison.Ordinal) : throw new TemplateException("'in <string>' needs a string"),
        ("in", _, List<object?> list) => list.Any(x => PyValues.Equals(x, a)),
        ("in", _, Dictionary<string, object?> d) => a is string key && d.ContainsKey(key),
        ("in", _, Undefined or null) => throw new TemplateException("'in' an undefined value"),
        ("+", string x, string y) => x + y,
        ("+", List<object?> x, List<object?> y) => x.Concat(y).ToList(),
        ("+", long x, long y) => x + y,
        ("-", long x, long y) => x - y,
        ("*", long x, long y) => x * y,
        ("*", string x, long y) => string.Concat(Enumerable.Repeat(x, (int)Math.Max(0, y))),
        ("//", long x, long y) => y != 0 ? (long)Math.Floor((double)x / y) : throw new TemplateException("division by zero"),
        ("%", long x, long y) => y != 0 ? ((x % y) + y) % y : throw new TemplateException("modulo by zero"),
        ("/", long or double, long or double) => Number(a) / Number(b),
        ("+" or "-" or "*", long or double, long or double) => op switch { "+" => Number(a) + Number(b), "-" => Number(a) - Number(b), _ => Number(a) * Number(b) },
        _ => throw new TemplateException($"unsupported operand types for {op}: {PyValues.TypeName(a)} and {PyValues.TypeName(b)}"),
    };

    public static object? Method(object? target, string name, List<object?> a) => (target, name) switch
    {
        (string s, "strip") => a.Count > 0 && a[0] is string chars ? s.Trim(chars.ToCharArray()) : s.Trim(),
        (string s, "lstrip") => a.Count > 0 && a[0] is string chars ? s.TrimStart(chars.ToCharArray()) : s.TrimStart(),
        (string s, "rstrip") => a.Count > 0 && a[0] is string chars ? s.TrimEnd(chars.ToCharArray()) : s.TrimEnd(),
        (string s, "startswith") => s.StartsWith(PyValues.Str(a[0]), StringComparison.Ordinal),
        (string s, "endswith") => s.EndsWith(PyValues.Str(a[0]), StringComparison.Ordinal),
        (string s, "upper") => s.ToUpperInvariant(),
        (string s, "lower") => s.ToLowerInvariant(),
        (string s, "title") => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant()),
        (string s, "capitalize") => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant(),
        (string s, "replace") => s.Replace(PyValues.Str(a[0]), PyValues.Str(a[1]), StringComparison.Ordinal),
        (string s, "split") => Split(s, a),
        (string s, "join") => string.Join(s, PyValues.Iterate(a[0]).Select(PyValues.Str)),
        (Dictionary<string, object?> d, "items") => d.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList(),
        (Dictionary<string, object?> d, "keys") => d.Keys.Select(k => (object?)k).ToList(),
        (Dictionary<string, object?> d, "values") => d.Values.ToList(),
        (Dictionary<string, object?> d, "get") => d.TryGetValue(PyValues.Str(a[0]), out var v) ? v : a.Count > 1 ? a[1] : null,
        _ => throw new TemplateException($"{PyValues.TypeName(target)}.{name}() is not supported by this chat template interpreter"),
    };

    public static object? Filter(string name, object? v, List<object?> a, Dictionary<string, object?> named) => name switch
    {
        "trim" => PyValues.Str(v).Trim(),
        "length" or "count" => v switch { string s => (long)s.Length, System.Collections.ICollection c => (long)c.Count, _ => throw new TemplateException($"length of {PyValues.TypeName(v)}") },
        "tojson" => PyValues.ToJson(v, (named.GetValueOrDefault("indent") ?? a.FirstOrDefault()) is long indent ? (int)indent : null),
        "string" => PyValues.Str(v),
        "upper" => PyValues.Str(v).ToUpperInvariant(),
        "lower" => PyValues.Str(v).ToLowerInvariant(),
        "capitalize" or "title" => Method(PyValues.Str(v), name, []),
        "replace" => PyValues.Str(v).Replace(PyValues.Str(a[0]), PyValues.Str(a[1]), StringComparison.Ordinal),
        "first" => PyValues.Iterate(v).FirstOrDefault(Undefined.Value),
        "last" => PyValues.Iterate(v).LastOrDefault(Undefined.Value),
        "list" => PyValues.Iterate(v).ToList(),
        "reverse" => v is string s ? new string([.. s.Reverse()]) : PyValues.Iterate(v).Reverse().ToList(),
        "join" => string.Join(a.Count > 0 ? PyValues.Str(a[0]) : "", PyValues.Iterate(v).Select(PyValues.Str)),
        "default" or "d" => v is Undefined || (a.Count > 1 && PyValues.Truthy(a[1]) && !PyValues.Truthy(v)) ? a.FirstOrDefault("") : v,
        "int" => v switch { long l => l, double d => (long)d, string s when long.TryParse(s.Trim(), CultureInfo.InvariantCulture, out var l) => l, _ => 0L },
        "float" => v switch { long l => (double)l, double d => d, string s when double.TryParse(s.Trim(), CultureInfo.InvariantCulture, out var d) => d, _ => 0.0 },
        "abs" => v switch { long l => (object)Math.Abs(l), double d => Math.Abs(d), _ => throw new TemplateException("abs of a non-number") },
        "items" => Method(v, "items", []),
        "safe" => v,
        "selectattr" or "rejectattr" => PyValues.Iterate(v).Where(item =>
            Test(a.Count > 1 ? PyValues.Str(a[1]) : "truthy", Attribute(item, PyValues.Str(a[0])), [.. a.Skip(2)]) == (name == "selectattr")).ToList(),
        "map" when named.TryGetValue("attribute", out var attribute) => PyValues.Iterate(v).Select(item => Attribute(item, PyValues.Str(attribute))).ToList(),
        _ => throw new TemplateException($"the filter '{name}' is not supported by this chat template interpreter"),
    };

    public static bool Test(string name, object? v, List<object?> a) => name switch
    {
        "defined" => v is not Undefined,
        "undefined" => v is Undefined,
        "none" => v is null,
        "string" => v is string,
        "number" => v is long or double,
        "integer" => v is long,
        "float" => v is double,
        "boolean" => v is bool,
        "true" => v is true,
        "false" => v is false,
        "mapping" => v is Dictionary<string, object?>,
        "sequence" or "iterable" => v is string or List<object?> or Dictionary<string, object?>,
        "equalto" or "eq" or "==" => PyValues.Equals(v, a.FirstOrDefault()),
        "ne" or "!=" => !PyValues.Equals(v, a.FirstOrDefault()),
        "odd" => v is long l && l % 2 != 0,
        "even" => v is long l && l % 2 == 0,
        "in" => PyValues.Truthy(Binary("in", v, a.FirstOrDefault())),
        "truthy" => PyValues.Truthy(v),
        _ => throw new TemplateException($"the test 'is {name}' is not supported by this chat template interpreter"),
    };

    private static double Number(object? v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);

    private static List<object?> Range(List<object?> a)
    {
        var (start, stop, step) = a.Count switch
        {
            1 => (0L, (long)a[0]!, 1L),
            2 => ((long)a[0]!, (long)a[1]!, 1L),
            _ => ((long)a[0]!, (long)a[1]!, (long)a[2]!),
        };
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
        }
        return result;
    }

    private static List<object?> Split(string s, List<object?> a)
    {
        if (a.Count == 0 || a[0] is null)
        {
            return [.. s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(p => (object?)p)];
        }
        var parts = a.Count > 1 && a[1] is long max && max >= 0
            ? s.Split(PyValues.Str(a[0]), (int)max + 1)
            : s.Split(PyValues.Str(a[0]));
        return [.. parts.Select(p => (object?)p)];
    }

    private static string StrftimeNow(string format)
    {
        var now = DateTime.Now;
        return format.Replace("%d", now.ToString("dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%b", now.ToString("MMM", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%B", now.ToString("MMMM", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%Y", now.ToString("yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("%m", now.ToString("MM", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
