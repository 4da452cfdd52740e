using System.Globalization;
using System.Text;

namespace SafeCompletions.Training.Chat.Jinja;

/// <summary>Jinja's undefined value: prints as nothing, is false, iterates as empty, and <c>is defined</c> tells it apart.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();
}

/// <summary><c>namespace(...)</c>: the one mutable object a template may assign into from inside a loop.</summary>
internal sealed class Namespace : Dictionary<string, object?>;

/// <summary>A method looked up on a value (<c>content.strip</c>), called when the call follows.</summary>
internal sealed record BoundMethod(object? Target, string Name);

/// <summary>A global function (<c>raise_exception</c>, <c>namespace</c>, <c>range</c>).</summary>
internal sealed record Function(string Name, Func<List<object?>, Dictionary<string, object?>, object?> Call);

/// <summary>Python's semantics for the values templates see: strings, integers, floats, booleans, None, lists and dicts.</summary>
internal static class PyValues
{
    public static bool Truthy(object? v) => v switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    public static string Str(object? v) => v switch
    {
        null => "None",
        Undefined => "",
        string s => s,
        _ => Repr(v),
    };

    public static string Repr(object? v) => v switch
    {
        null => "None",
        Undefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e16 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'",
        List<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        Dictionary<string, object?> dict => "{" + string.Join(", ", dict.Select(p => Repr(p.Key) + ": " + Repr(p.Value))) + "}",
        _ => v.ToString() ?? "",
    };

    public static new bool Equals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (Undefined, Undefined) => true,
        (bool x, bool y) => x == y,
        (long x, long y) => x == y,
        (long or double, long or double) when a is not bool && b is not bool => Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture),
        (string x, string y) => x == y,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Equals(p.First, p.Second)),
        (Dictionary<string, object?> x, Dictionary<string, object?> y) => x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var o) && Equals(p.Value, o)),
        _ => false,
    };

    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (long or double, long or double) => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
        _ => throw new TemplateException($"cannot compare {TypeName(a)} with {TypeName(b)}"),
    };

    public static string TypeName(object? v) => v switch
    {
        null => "None",
        Undefined => "undefined",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        Dictionary<string, object?> => "dict",
        _ => v.GetType().Name,
    };

    public static IEnumerable<object?> Iterate(object? v) => v switch
    {
        null or Undefined => [],
        string s => s.Select(c => (object?)c.ToString()),
        List<object?> list => list,
        Dictionary<string, object?> dict => dict.Keys,
        _ => throw new TemplateException($"{TypeName(v)} is not iterable"),
    };

    /// <summary>Hugging Face's <c>tojson</c> for chat templates: <c>json.dumps</c> with ensure_ascii off and keys in order.</summary>
    public static string ToJson(object? v, int? indent)
    {
        var sb = new StringBuilder();
        Write(v, 0);
        return sb.ToString();

        void Write(object? value, int depth)
        {
            switch (value)
            {
                case null or Undefined:
                    sb.Append("null");
                    break;
                case bool b:
                    sb.Append(b ? "true" : "false");
                    break;
                case long or double:
                    sb.Append(Repr(value));
                    break;
                case string s:
                    JsonString(sb, s);
                    break;
                case List<object?> list:
                    Items(list.Count, "[", "]", i => Write(list[i], depth + 1), depth);
                    break;
                case Dictionary<string, object?> dict:
                    var pairs = dict.ToList();
                    Items(pairs.Count, "{", "}", i => { Write(pairs[i].Key, depth + 1); sb.Append(": "); Write(pairs[i].Value, depth + 1); }, depth);
                    break;
                default:
                    throw new TemplateException($"{TypeName(value)} is not JSON serializable");
            }
        }

        void Items(int count, string open, string close, Action<int> item, int depth)
        {
            sb.Append(open);
            if (count == 0)
            {
                sb.Append(close);
                return;
            }
            for (var i = 0; i < count; i++)
            {
                if (indent is { } n)
                {
                    sb.Append(i == 0 ? "\n" : ",\n").Append(' ', n * (depth + 1));
                }
                else if (i > 0)
                {
                    sb.Append(", ");
                }
                item(i);
            }
            if (indent is { } m)
            {
                sb.Append('\n').Append(' ', m * depth);
            }
            sb.Append(close);
        }
    }

    private static void JsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        sb.Append('"');
    }
}
