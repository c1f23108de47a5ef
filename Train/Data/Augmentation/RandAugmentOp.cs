namespace Harness.Train.Data.Augmentation;

/// <summary>
/// RandAugment's operations, torchvision's list and order. Magnitude M ∈ 0..30 maps to the strength below as
/// torchvision does (31 bins, value = max·M/30); ops marked ± get a random sign.
/// </summary>
public enum RandAugmentOp
{
    /// <summary>No change.</summary>
    Identity,

    /// <summary>± horizontal shear, factor up to 0.3, about the top row (torchvision's centre [0, 0]).</summary>
    ShearX,

    /// <summary>± vertical shear, factor up to 0.3, about the left column.</summary>
    ShearY,

    /// <summary>± horizontal shift up to 150/331 of the width, truncated to whole pixels.</summary>
    TranslateX,

    /// <summary>± vertical shift up to 150/331 of the height, truncated to whole pixels.</summary>
    TranslateY,

    /// <summary>± rotation up to 30 degrees.</summary>
    Rotate,

    /// <summary>Brightness factor 1 ± up to 0.9.</summary>
    Brightness,

    /// <summary>Saturation factor 1 ± up to 0.9 (no change on one-channel images, as in torchvision).</summary>
    Color,

    /// <summary>Contrast factor 1 ± up to 0.9.</summary>
    Contrast,

    /// <summary>Sharpness factor 1 ± up to 0.9.</summary>
    Sharpness,

    /// <summary>Keep 8 − round(M/7.5) bits (8 down to 4).</summary>
    Posterize,

    /// <summary>Invert values at or above 1 − M/30.</summary>
    Solarize,

    /// <summary>Per-channel min–max stretch.</summary>
    AutoContrast,

    /// <summary>Per-channel histogram equalization.</summary>
    Equalize,
}
