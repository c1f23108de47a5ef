namespace Harness.Export.Exporting;

/// <summary>The dropout variants of Train, as flags: which of them keep sampling in the MC-dropout graph.</summary>
[Flags]
public enum DropoutKinds
{
    /// <summary>No dropout samples (the MC graph would equal the deployment graph).</summary>
    None = 0,

    /// <summary>Element-wise <c>Dropout</c>.</summary>
    Dropout = 1,

    /// <summary>Channel dropout <c>Dropout2d</c> (mask [N, C, 1, 1]).</summary>
    Dropout2d = 2,

    /// <summary>Stochastic depth <c>DropPath</c> on residual branches (mask [N, 1, 1, 1]).</summary>
    DropPath = 4,

    /// <summary>DropConnect on the weights of <c>DropConnectLinear</c> (mask [out, in], shared by the batch).</summary>
    DropConnect = 8,

    /// <summary>Every kind (the default).</summary>
    All = Dropout | Dropout2d | DropPath | DropConnect,
}

/// <summary>Parsing and naming of <see cref="DropoutKinds"/> for options and metadata.</summary>
public static class DropoutKindNames
{
    /// <summary>The single kinds, in the order they are listed.</summary>
    public static IReadOnlyList<DropoutKinds> Singles { get; } =
        [DropoutKinds.Dropout, DropoutKinds.Dropout2d, DropoutKinds.DropPath, DropoutKinds.DropConnect];

    /// <summary>The names of the single kinds: Dropout, Dropout2d, DropPath, DropConnect.</summary>
    public static IReadOnlyList<string> Names { get; } = Singles.Select(k => k.ToString()).ToArray();

    /// <summary>Parses one name (case-insensitive; "All" and "None" too); null when it is not a kind.</summary>
    public static DropoutKinds? TryParse(string? name)
    {
        var trimmed = name?.Trim();
        return Enum.GetValues<DropoutKinds>()
            .Select(k => (DropoutKinds?)k)
            .FirstOrDefault(k => string.Equals(k.ToString(), trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The single kinds set in <paramref name="kinds"/>, by name.</summary>
    public static IReadOnlyList<string> Split(DropoutKinds kinds) =>
        Singles.Where(k => kinds.HasFlag(k)).Select(k => k.ToString()).ToArray();
}
