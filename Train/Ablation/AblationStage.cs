using System.Globalization;
using System.Text;
using System.Text.Json;
using Harness.Core;
using Harness.Core.Configuration;
using Harness.Core.Runs;
using Harness.Train.Configuration;
using Harness.Train.Training;
using Microsoft.Extensions.Configuration;

namespace Harness.Train.Ablation;

/// <summary>
/// Stage <c>ablation</c>: trains the same model with the same budget once per variant, each in its own run folder
/// under runs/&lt;Run:Name&gt;/ (so an interrupted ablation resumes where it stopped), and writes the table of
/// train accuracy, test accuracy, gap, test NLL, ECE and epochs used as ablation.md and ablation.json, with the
/// verdict on the full stack (<see cref="AblationVerdict"/>) when both "none" and "full-stack" ran.
/// </summary>
public static class AblationStage
{
    public static int Run(IConfigurationRoot configuration)
    {
        var binder = new OptionsBinder(configuration);
        var ablation = binder.Bind<AblationOptions>("Ablation");
        var baseline = TrainingSettings.Bind(binder);
        binder.ThrowIfInvalid();

        var regime = ablation.Regime;
        var names = ablation.Variants.Length > 0 ? ablation.Variants : AblationVariants.DefaultFor(regime);
        var variants = names.Select(n => AblationVariants.All.Single(v => v.Name == n)).ToList();
        var root = new RunFolder(Path.Combine(baseline.Run.Folder, $"ablation-{regime}"));
        using var interruption = new Interruption();
        var rows = new List<AblationRow>();
        foreach (var variant in variants)
        {
            var overrides = new Dictionary<string, string?>(variant.Overrides)
            {
                ["Run:Root"] = root.Path,
                ["Run:Name"] = variant.Name,
            };
            if (regime == "small")
            {
                overrides["Data:TrainSubset"] = ablation.SmallTrainImages.ToString(CultureInfo.InvariantCulture);
                overrides["Data:ValidationSize"] = ablation.SmallValidationImages.ToString(CultureInfo.InvariantCulture);
                overrides["Train:Epochs"] = ablation.SmallEpochs.ToString(CultureInfo.InvariantCulture);
            }

            var variantConfiguration = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
            var settings = TrainingSettings.Bind(variantConfiguration);
            var folder = new RunFolder(settings.Run.Folder);
            Console.WriteLine($"== ablation ({regime}) {variant.Name}: {variant.Description} → {folder.Path}");
            using var logFile = new StreamWriter(folder.File(RunArtifacts.Log), append: true);
            using var log = new TeeWriter(Console.Out, logFile);
            try
            {
                var result = TrainJob.Run(settings, variantConfiguration, folder, log, interruption.Token);
                using var model = result.Model;
                rows.Add(new AblationRow(variant.Name, variant.Description, result.TrainEval.Accuracy, result.Test.Accuracy,
                    result.Gap, result.Test.Loss, result.Test.Ece, result.Epochs.Count, result.TrainingSeconds));
            }
            catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
            {
                Console.Error.WriteLine("interrupted; rerun the same command to resume the ablation");
                return Interruption.ExitCode;
            }

            WriteTable(root, regime, rows);
        }

        Console.WriteLine();
        Console.WriteLine(File.ReadAllText(root.File("ablation.md")));
        return ExitCodes.Success;
    }

    private static void WriteTable(RunFolder root, string regime, IReadOnlyList<AblationRow> rows)
    {
        var verdict = AblationVerdict.From(rows);
        RunFolder.WriteAtomically(root.File("ablation.json"), JsonSerializer.Serialize(new { regime, rows, verdict }, RunFolder.Json));
        var md = new StringBuilder();
        md.AppendLine($"| variant ({regime}) | train acc | test acc | gap | test NLL | ECE | epochs |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var r in rows)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Description} | {r.TrainAccuracy:P1} | {r.TestAccuracy:P1} | {r.Gap:P1} | {r.TestNll:F3} | {r.TestEce:F3} | {r.EpochsUsed} |"));
        }

        if (verdict is not null)
        {
            md.AppendLine().AppendLine(verdict.ToMarkdown());
        }

        RunFolder.WriteAtomically(root.File("ablation.md"), md.ToString());
    }
}
