namespace Harness.Sim.Rendering;

/// <summary>
/// RGB colours of rendered views, per <see cref="EntityKind"/> plus floor, after the palette and lighting
/// knobs of <see cref="SimOptions"/>: the palette (<c>Standard</c>; <c>Inverted</c>: 255 − c;
/// <c>Grayscale</c>: Rec. 601 luma in all channels), then contrast around 128, then brightness, clamped to 0…255.
/// </summary>
public sealed class ViewPalette
{
    /// <summary>Standard colours, indexed by <see cref="EntityKind"/> (Nothing = floor).</summary>
    private static readonly byte[,] Standard =
    {
        { 30, 30, 40 },    // floor
        { 140, 140, 150 }, // wall
        { 60, 210, 90 },   // pickup: green disc
        { 230, 60, 50 },   // hazard: red square
        { 245, 190, 40 },  // drone: amber diamond
        { 180, 70, 230 },  // mine: violet cross
        { 70, 130, 250 },  // agent: blue disc
    };

    private readonly byte[] _rgb = new byte[3 * 7];

    /// <summary>The palette for the view knobs of <paramref name="options"/>.</summary>
    public ViewPalette(SimOptions options)
    {
        var mode = options.Palette.ToLowerInvariant();
        for (var k = 0; k < 7; k++)
        {
            double r = Standard[k, 0], g = Standard[k, 1], b = Standard[k, 2];
            if (mode == "inverted")
            {
                (r, g, b) = (255 - r, 255 - g, 255 - b);
            }
            else if (mode == "grayscale")
            {
                var y = 0.299 * r + 0.587 * g + 0.114 * b;
                (r, g, b) = (y, y, y);
            }

            _rgb[3 * k] = Light(r, options);
            _rgb[3 * k + 1] = Light(g, options);
            _rgb[3 * k + 2] = Light(b, options);
        }
    }

    /// <summary>The in-distribution palette.</summary>
    public static ViewPalette Default { get; } = new(new SimOptions());

    /// <summary>Channel <paramref name="channel"/> (0 red, 1 green, 2 blue) of the colour of <paramref name="kind"/>.</summary>
    public byte Channel(EntityKind kind, int channel) => _rgb[3 * (int)kind + channel];

    private static byte Light(double v, SimOptions options) =>
        (byte)Math.Clamp(Math.Round(((v - 128) * options.Contrast + 128) * options.Brightness), 0, 255);
}
