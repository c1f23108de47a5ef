namespace Harness.Train.Data.Augmentation;

/// <summary>
/// Resamples an image through an inverse affine map with bilinear interpolation; neighbours outside the image count
/// as <c>fill</c> (torchvision's <c>affine</c> with <c>fill</c>, pixel centres at integer coordinates). For output
/// pixel (x, y), with u = x − cx, v = y − cy about the centre (cx, cy) = ((W−1)/2, (H−1)/2), the source is
/// (A00·u + A01·v + cx + Ox, A10·u + A11·v + cy + Oy). Source coordinates within 1e−9 of a whole number are
/// snapped to it, so maps that land on the grid (90° turns, whole-pixel shifts) copy pixels exactly.
/// </summary>
public static class AffineSampler
{
    /// <summary>Snap distance for source coordinates: far above double rounding (≈1e−13 at 1,000 px), far below a pixel.</summary>
    private const double GridSnap = 1e-9;

    /// <summary>
    /// Writes into <paramref name="destination"/> the image <paramref name="source"/> sampled through the inverse map.
    /// </summary>
    public static void Sample(ReadOnlySpan<float> source, Span<float> destination, ImageShape shape,
        double a00, double a01, double a10, double a11, double offsetX, double offsetY, float fill = 0f)
    {
        shape.Require(source);
        shape.Require(destination);
        var (h, w) = (shape.Height, shape.Width);
        var cx = (w - 1) * 0.5;
        var cy = (h - 1) * 0.5;
        for (var y = 0; y < h; y++)
        {
            var v = y - cy;
            for (var x = 0; x < w; x++)
            {
                var u = x - cx;
                var sx = Snap(a00 * u + a01 * v + cx + offsetX);
                var sy = Snap(a10 * u + a11 * v + cy + offsetY);
                var x0 = (int)Math.Floor(sx);
                var y0 = (int)Math.Floor(sy);
                var fx = (float)(sx - x0);
                var fy = (float)(sy - y0);
                for (var c = 0; c < shape.Channels; c++)
                {
                    var plane = source.Slice(c * shape.Plane, shape.Plane);
                    float value;
                    if (fx == 0f && fy == 0f)
                    {
                        value = At(plane, x0, y0, w, h, fill);
                    }
                    else
                    {
                        var top = At(plane, x0, y0, w, h, fill) * (1f - fx) + At(plane, x0 + 1, y0, w, h, fill) * fx;
                        var bottom = At(plane, x0, y0 + 1, w, h, fill) * (1f - fx) + At(plane, x0 + 1, y0 + 1, w, h, fill) * fx;
                        value = top * (1f - fy) + bottom * fy;
                    }

                    destination[c * shape.Plane + y * w + x] = value;
                }
            }
        }
    }

    /// <summary>
    /// Rotation by <paramref name="degrees"/> counter-clockwise as seen on screen (torchvision's sign) about the
    /// centre, then a shift by (<paramref name="translateX"/>, <paramref name="translateY"/>) pixels (right, down).
    /// </summary>
    public static void RotateTranslate(ReadOnlySpan<float> source, Span<float> destination, ImageShape shape,
        double degrees, double translateX, double translateY, float fill = 0f)
    {
        // Inverse of a counter-clockwise turn in y-down coordinates: src = R⁻¹(p − c − t) + c with
        // R⁻¹ = [[cos, −sin], [sin, cos]].
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180.0);
        var offsetX = -(cos * translateX - sin * translateY);
        var offsetY = -(sin * translateX + cos * translateY);
        Sample(source, destination, shape, cos, -sin, sin, cos, offsetX, offsetY, fill);
    }

    private static double Snap(double coordinate)
    {
        var nearest = Math.Round(coordinate);
        return Math.Abs(coordinate - nearest) < GridSnap ? nearest : coordinate;
    }

    private static float At(ReadOnlySpan<float> plane, int x, int y, int w, int h, float fill) =>
        (uint)x < (uint)w && (uint)y < (uint)h ? plane[y * w + x] : fill;
}
