using System.Text.Json;
using Harness.Core;
using Harness.Core.Runs;

namespace Harness.Bench.Gate;

/// <summary>Reads and writes the gate's baseline JSON (<see cref="GateBaseline"/>).</summary>
public static class BaselineFile
{
    /// <summary>Writes <paramref name="baseline"/> to <paramref name="path"/> (atomically, folders created).</summary>
    public static void Save(string path, GateBaseline baseline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(baseline);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        RunFolder.WriteAtomically(full, JsonSerializer.Serialize(baseline, RunFolder.Json));
    }

    /// <summary>Reads a baseline.</summary>
    /// <exception cref="UsageException">The file is missing, not JSON of this format, or a figure lacks a name or a
    /// finite value; the message names the file and every problem.</exception>
    public static GateBaseline Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new UsageException($"Baseline file not found: {full} (write one with --save-baseline).");
        }

        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses baseline JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="UsageException">Not a usable baseline.</exception>
    public static GateBaseline Parse(string json, string source)
    {
        GateBaseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<GateBaseline>(json, RunFolder.Json);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: not a baseline file: {e.Message}");
        }

        var errors = new List<string>();
        if (baseline is null)
        {
            errors.Add("empty document");
        }
        else
        {
            if (baseline.Schema != GateBaseline.CurrentSchema)
            {
                errors.Add($"schema = {baseline.Schema}: must be {GateBaseline.CurrentSchema}");
            }

            if (baseline.Figures is null)
            {
                errors.Add("no figures list");
            }
            else
            {
                for (var i = 0; i < baseline.Figures.Count; i++)
                {
                    var f = baseline.Figures[i];
                    if (f is null || string.IsNullOrWhiteSpace(f.Name) || !double.IsFinite(f.Value) || f.Unit is null)
                    {
                        errors.Add($"figure {i}: needs a name, a unit and a finite value");
                    }
                }
            }

            if (baseline.Metadata is null)
            {
                errors.Add("no metadata");
            }
        }

        return errors.Count == 0
            ? baseline!
            : throw new UsageException($"{source}: not a usable baseline:\n  " + string.Join("\n  ", errors));
    }
}
