namespace Harness.Train.Modules;

/// <summary>The argument rules libtorch applies to pooling windows, checked up front with a readable message.</summary>
internal static class PoolArguments
{
    public static (long Kernel, long Stride, long Padding) Validate(string layer, long kernel, long? stride, long padding)
    {
        var s = stride ?? kernel;
        var what = $"{layer}(kernel {kernel}, stride {s}, padding {padding})";
        if (kernel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), $"{what}: kernel size must be >= 1.");
        }

        if (s < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"{what}: stride must be >= 1.");
        }

        if (padding < 0 || padding > kernel / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"{what}: padding must be between 0 and half the kernel ({kernel / 2}).");
        }

        return (kernel, s, padding);
    }
}
