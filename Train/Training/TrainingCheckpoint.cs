using System.Globalization;
using Harness.Core;
using Harness.Core.Formats;
using Harness.Train.Checkpoints;
using Harness.Train.Torch;

namespace Harness.Train.Training;

/// <summary>
/// The full training state after a completed epoch, in ONE safetensors file written atomically, so a crash at
/// any moment leaves either the previous state or the new one: model state (<c>model.*</c>), optimizer state
/// (<c>optim.*</c>), EMA average (<c>ema.*</c>), and in the metadata the epoch, optimizer step and EMA update
/// counts.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Format = "harness-train-state/1";

    public static void Save(string path, TrainingRun run, int epoch)
    {
        var entries = new List<(string, SafeTensorsFile.Entry)>();
        entries.AddRange(run.Model.NamedState().Select(s => ("model." + s.Name, SafeTensors.ToEntry(s.Tensor))));
        entries.AddRange(run.Optimizer.NamedState().Select(s => ("optim." + s.Name, SafeTensors.ToEntry(s.Tensor))));
        if (run.Ema is not null)
        {
            entries.AddRange(run.Ema.NamedState.Select(s => ("ema." + s.Name, SafeTensors.ToEntry(s.Tensor))));
        }

        SafeTensorsFile.Save(path, entries, new Dictionary<string, string>
        {
            ["format"] = Format,
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["optimizer_steps"] = run.Optimizer.StepCount.ToString(CultureInfo.InvariantCulture),
            ["ema_updates"] = (run.Ema?.Updates ?? 0).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Restores <paramref name="run"/> from <paramref name="path"/>; returns the last completed epoch.</summary>
    public static int Load(string path, TrainingRun run)
    {
        var (entries, metadata) = SafeTensorsFile.Load(path);
        if (metadata.GetValueOrDefault("format") != Format)
        {
            throw new UsageException($"{path} is not a training-state checkpoint (format '{metadata.GetValueOrDefault("format")}').");
        }

        using var scope = TensorScope.Begin();
        Dictionary<string, Tensor> Section(string prefix) => entries
            .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[prefix.Length..], e => ToTensor(e.Value));

        var model = Section("model.");
        var state = run.Model.NamedState().ToList();
        var problems = state.Where(s => !model.TryGetValue(s.Name, out var t) || !t.Shape.SequenceEqual(s.Tensor.Shape))
            .Select(s => s.Name).ToList();
        if (problems.Count > 0 || model.Count != state.Count)
        {
            throw new UsageException($"{path} does not fit the configured model (mismatched: {string.Join(", ", problems)}).");
        }

        using (Torch.Torch.NoGrad())
        {
            foreach (var (name, tensor) in state)
            {
                tensor.CopyFrom(model[name]);
            }
        }

        run.Optimizer.LoadState(Long(metadata, "optimizer_steps", path), Section("optim.").Select(p => (p.Key, p.Value)));
        run.Ema?.Restore(Long(metadata, "ema_updates", path), Section("ema."));
        return (int)Long(metadata, "epoch", path);
    }

    private static Tensor ToTensor(SafeTensorsFile.Entry entry) => entry.DType == SafeTensorsFile.F32
        ? Tensor.FromArray(entry.ToFloats(), entry.Shape)
        : Tensor.FromArray(entry.ToLongs(), entry.Shape);

    private static long Long(Dictionary<string, string> metadata, string key, string path) =>
        long.TryParse(metadata.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UsageException($"{path}: metadata '{key}' is missing or not a number.");
}
