using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Infer.Ort;
using Microsoft.Extensions.Configuration;

namespace Harness.Infer.Checks;

/// <summary>
/// <c>check MODEL.onnx [--probe P] [--mc MODEL.mc.onnx] [--json OUT] [--junit OUT]</c>: exit 0 when every check
/// passes, 1 when any fails, 2 for unusable input (missing file, not ONNX, no float input).
/// </summary>
public static class CheckCommand
{
    public const string Usage = "usage: check MODEL.onnx [--probe PROBE] [--mc MODEL.mc.onnx] [--json OUT.json] [--junit OUT.xml]";

    public static int Run(IConfiguration configuration, IReadOnlyList<string> args)
    {
        var (model, options) = Parse(args);
        var binder = new OptionsBinder(configuration);
        var settings = binder.Bind<OrtSessionSettings>("Infer");
        binder.ThrowIfInvalid();

        using var context = GateContext.Open(model, options.GetValueOrDefault("--probe"), options.GetValueOrDefault("--mc"), settings);
        var report = EvalModeGate.Run(context);
        GateReportWriter.WriteTable(report, GateReportWriter.CreateConsole(Console.Out, Console.IsOutputRedirected));
        if (options.TryGetValue("--json", out var json))
        {
            RunFolder.WriteAtomically(json, GateReportWriter.ToJson(report));
        }

        if (options.TryGetValue("--junit", out var junit))
        {
            RunFolder.WriteAtomically(junit, GateReportWriter.ToJUnit(report));
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static (string Model, Dictionary<string, string> Options) Parse(IReadOnlyList<string> args)
    {
        string? model = null;
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--probe" or "--mc" or "--json" or "--junit")
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{arg} needs a path.\n{Usage}");
                }

                options[arg] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) || model is not null)
            {
                throw new UsageException($"unexpected argument '{arg}'.\n{Usage}");
            }
            else
            {
                model = arg;
            }
        }

        return (model ?? throw new UsageException($"no model given.\n{Usage}"), options);
    }
}
