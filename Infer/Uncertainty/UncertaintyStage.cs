using Harness.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Harness.Infer.Uncertainty;

/// <summary>
/// Stage <c>uncertainty [MODEL.onnx MODEL.mc.onnx] [--data DIR] [--out FOLDER]</c>: without model paths it uses
/// the run folder's model.onnx and model.mc.onnx (runs/&lt;Run:Name&gt;/, written by the export stage) and writes
/// its reports there.
/// </summary>
public static class UncertaintyStage
{
    public static int Run(IConfiguration configuration, IReadOnlyList<string> args)
    {
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            return UncertaintyCommand.Run(configuration, args);
        }

        var binder = new OptionsBinder(configuration);
        var run = binder.Bind<RunOptions>("Run");
        binder.ThrowIfInvalid();
        string[] defaults = [Path.Combine(run.Folder, "model.onnx"), Path.Combine(run.Folder, "model.mc.onnx")];
        return UncertaintyCommand.Run(configuration, [.. defaults, .. args]);
    }
}
