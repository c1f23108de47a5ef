using Harness.Core.Formats;
using Harness.Train.Torch;

namespace Harness.Train.Checkpoints;

/// <summary>
/// Tensors to and from the safetensors layout (<see cref="SafeTensorsFile"/>): Float32 as "F32", Int64 as "I64".
/// </summary>
public static class SafeTensors
{
    public static void Save(string path, IEnumerable<(string Name, Tensor Tensor)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsFile.Save(path, tensors.Select(t => (t.Name, ToEntry(t.Tensor))), metadata);

    public static SafeTensorsFile.Entry ToEntry(Tensor tensor) => tensor.DType switch
    {
        DType.Float32 => SafeTensorsFile.Entry.Floats(tensor.ToFloatArray(), tensor.Shape),
        DType.Int64 => SafeTensorsFile.Entry.Longs(tensor.ToInt64Array(), tensor.Shape),
        _ => throw new NotSupportedException($"Checkpoints store Float32 and Int64 tensors, not {tensor.DType}."),
    };

    /// <summary>The element type an entry's dtype maps to.</summary>
    public static DType DTypeOf(SafeTensorsFile.Entry entry) => entry.DType == SafeTensorsFile.F32 ? DType.Float32 : DType.Int64;
}
