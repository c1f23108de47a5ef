namespace Harness.Export.Exporting;

/// <summary>One place where the MC-dropout graph samples a mask.</summary>
/// <param name="Layer">The module's state name ("3", "stages.1.0.drop_path").</param>
/// <param name="Kind">Which dropout variant.</param>
/// <param name="Rate">The trained drop probability p (kept values are scaled by 1/(1 − p)).</param>
/// <param name="MaskShape">How the mask is shaped, in words ("like the input", "[N, C, 1, 1]", …).</param>
public sealed record McDropoutSite(string Layer, DropoutKinds Kind, double Rate, string MaskShape);
