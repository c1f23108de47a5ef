namespace Harness.Train.Torch;

/// <summary>Element types; values are libtorch's c10::ScalarType codes (mirrored in harness_torch.h).</summary>
public enum DType
{
    UInt8 = 0,
    Int8 = 1,
    Int32 = 3,
    Int64 = 4,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}
