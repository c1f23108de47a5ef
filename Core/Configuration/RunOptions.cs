namespace Harness.Core.Configuration;

/// <summary>Section <c>Run</c>: which run folder a stage reads and writes, and the master seed.</summary>
public sealed class RunOptions : IValidatedOptions
{
    /// <summary>Run folder name under <see cref="Root"/>.</summary>
    public string Name { get; set; } = "fashion-cnn";

    /// <summary>The profile applied (<c>--profile NAME</c>; recorded here by the configuration loader).</summary>
    public string Profile { get; set; } = "";

    /// <summary>Folder holding the runs (relative to the repository root unless absolute).</summary>
    public string Root { get; set; } = "runs";

    /// <summary>Master seed: libtorch's generator, data shuffling and augmentation derive from it.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>The absolute run folder.</summary>
    public string Folder => Path.GetFullPath(Path.Combine(RepoPaths.Root, Root, Name));

    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.NotEmpty(nameof(Name), Name))
        {
            yield return e;
        }

        if (Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || Name is "." or "..")
        {
            yield return $"{nameof(Name)} = '{Name}': must be a plain folder name";
        }

        foreach (var e in Check.Range(nameof(Seed), Seed, 0, long.MaxValue))
        {
            yield return e;
        }
    }
}
