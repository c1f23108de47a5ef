using Harness.Core;
using Harness.Core.Formats;
using Harness.Train.Modules;

namespace Harness.Train.Checkpoints;

/// <summary>Saves a module's state (parameters and buffers) to a safetensors checkpoint and restores it.</summary>
public static class ModuleState
{
    public static void Save(Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Save(path, module.NamedState(), metadata);

    /// <summary>
    /// Copies every tensor of the checkpoint into the module's state of the same name. Missing, unexpected or
    /// mis-shaped entries are all listed in one error naming the file.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(Module module, string path)
    {
        var (entries, metadata) = SafeTensorsFile.Load(path);
        var problems = new List<string>();
        var state = module.NamedState().ToList();
        foreach (var (name, tensor) in state)
        {
            if (!entries.TryGetValue(name, out var entry))
            {
                problems.Add($"missing '{name}'");
            }
            else if (!entry.Shape.SequenceEqual(tensor.Shape) || SafeTensors.DTypeOf(entry) != tensor.DType)
            {
                problems.Add($"'{name}' is {SafeTensors.DTypeOf(entry)}[{string.Join(", ", entry.Shape)}] in the file but " +
                             $"{tensor.DType}[{string.Join(", ", tensor.Shape)}] in the model");
            }
        }

        problems.AddRange(entries.Keys.Except(state.Select(s => s.Name)).Select(n => $"unexpected '{n}'"));
        if (problems.Count > 0)
        {
            throw new UsageException($"{path} does not fit the model: {string.Join("; ", problems)}");
        }

        foreach (var (name, tensor) in state)
        {
            var entry = entries[name];
            if (entry.DType == SafeTensorsFile.F32)
            {
                tensor.CopyFrom(entry.ToFloats());
            }
            else
            {
                tensor.CopyFrom(entry.ToLongs());
            }
        }

        return metadata;
    }
}
