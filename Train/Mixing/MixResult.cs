namespace Harness.Train.Mixing;

/// <summary>Which mixing a batch received.</summary>
public enum MixKind
{
    /// <summary>The batch was left as it was (targets are the (smoothed) one-hot labels).</summary>
    None,

    /// <summary>Inputs blended: x ← λ·x + (1 − λ)·x_flipped.</summary>
    Mixup,

    /// <summary>A box of the flipped partner pasted into every sample.</summary>
    Cutmix,
}

/// <summary>The box pasted by cutmix: rows [Top, Bottom) and columns [Left, Right).</summary>
public readonly record struct CutBox(int Top, int Bottom, int Left, int Right)
{
    public int Area => (Bottom - Top) * (Right - Left);
}

/// <summary>What <see cref="MixupCutmix.Apply(float[], int[], int, int, int)"/> did to a batch.</summary>
/// <param name="Kind">None, mixup or cutmix.</param>
/// <param name="Lambda">Weight of each sample's own label (1 for none; for cutmix 1 − box area / (H·W)).</param>
/// <param name="Box">The pasted box for cutmix, else null.</param>
/// <param name="Targets">Soft targets [N × K], row-major; each row sums to 1.</param>
public sealed record MixResult(MixKind Kind, double Lambda, CutBox? Box, float[] Targets);
