namespace Harness.Export.Onnx;

/// <summary>A set of names (values or nodes of one graph) that hands out unused ones.</summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary><paramref name="hint"/> when unused, else the first unused <c>hint_N</c> (N = 1, 2, ...).</summary>
    public string Suggest(string hint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hint);
        if (!_used.Contains(hint))
        {
            return hint;
        }

        for (var n = 1; ; n++)
        {
            var candidate = $"{hint}_{n}";
            if (!_used.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Throws when the name is empty or taken.</summary>
    public void EnsureFree(string name, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_used.Contains(name))
        {
            throw new ArgumentException($"The {kind} name '{name}' is already used in this graph.", nameof(name));
        }
    }

    /// <summary>Reserves the name; throws when it is empty or taken.</summary>
    public string Claim(string name, string kind)
    {
        EnsureFree(name, kind);
        _used.Add(name);
        return name;
    }
}
