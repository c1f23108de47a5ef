using System.Text;
using System.Text.Json.Nodes;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// The run at a glance from summary.json (written by <c>train</c>: test accuracy, NLL, ECE, train/test gap, epochs,
/// time, throughput, model and device) and the training recipe from config.json (the resolved configuration).
/// </summary>
public sealed class SummarySection : IReportSection
{
    /// <summary>The configuration sections that define a training recipe, shown in the recipe table.</summary>
    private static readonly string[] RecipeSections = ["Data", "Model", "Optimizer", "Schedule", "Regularization", "Augment", "Mix", "Distillation", "Train"];

    public string Id => "summary";

    public string Title => "Run summary";

    public SectionOutput Render(ReportContext context)
    {
        var summary = JsonInput.Load(context.File("summary.json"));
        var config = JsonInput.Load(context.File("config.json"));
        var html = new StringBuilder();
        if (summary.Node is { } s)
        {
            html.Append(Html.Cards(
            [
                ("test accuracy", Html.Pct(JsonInput.Number(s, "test_accuracy")), null),
                ("test NLL", Html.Fixed(JsonInput.Number(s, "test_nll")), "nats"),
                ("test ECE", Html.Fixed(JsonInput.Number(s, "test_ece")), "15 bins"),
                ("train − test gap", Html.Pct(JsonInput.Number(s, "gap")), $"train accuracy {Html.Pct(JsonInput.Number(s, "train_accuracy"))}"),
                ("epochs", Html.Int(JsonInput.Number(s, "epochs_used")), JsonInput.Bool(JsonInput.Get(s, "stopped_early")) == true ? "stopped early" : null),
                ("training time", Html.Seconds(JsonInput.Number(s, "training_seconds")), $"{Html.Int(JsonInput.Number(s, "samples_per_second"))} samples/s"),
                ("model", JsonInput.Text(s, "model") ?? "—", $"{Html.Int(JsonInput.Number(s, "parameters"))} parameters"),
                ("device", JsonInput.Text(s, "device") ?? "—", JsonInput.Text(s, "torch_version") is { } v ? $"libtorch {v}" : null),
            ]));
            html.Append("<details><summary>All fields of summary.json</summary>")
                .Append(Html.Table(["field", "value"], ((JsonObject)s).Select(kv => (IReadOnlyList<string>)[$"<code>{Html.E(kv.Key)}</code>", Html.E(Show(kv.Value))]), new HashSet<int> { 1 }))
                .Append("</details>");
        }
        else
        {
            html.Append(summary.Error is { } e ? Html.Unreadable(summary.Path, e) : Html.Missing("the run's test metrics", summary.Path, "./harness train"));
        }

        if (config.Node is JsonObject c)
        {
            var rows = RecipeSections
                .Where(name => JsonInput.Get(c, name) is JsonObject)
                .Select(name => (IReadOnlyList<string>)[Html.E(name), Flatten((JsonObject)JsonInput.Get(c, name)!)]);
            html.Append("<h3>Recipe (config.json)</h3>")
                .Append(Html.Table(["section", "settings"], rows, cssClass: "recipe"));
        }
        else
        {
            html.Append(config.Error is { } e ? Html.Unreadable(config.Path, e) : Html.Missing("the resolved configuration", config.Path, "./harness train"));
        }

        var status = (summary.Node, config.Node) switch
        {
            (not null, not null) => SectionStatus.Complete,
            (null, null) when summary.Error is null && config.Error is null => SectionStatus.Missing,
            _ when summary.Error is not null || config.Error is not null => SectionStatus.Error,
            _ => SectionStatus.Partial,
        };
        return new SectionOutput(html.ToString(), status);
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v => JsonInput.Text(v) ?? v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>"key = value" pairs of a section, nested keys joined with ':' (arrays by index), as code chips.</summary>
    private static string Flatten(JsonObject section)
    {
        var pairs = new List<string>();
        void Walk(JsonNode? node, string prefix)
        {
            switch (node)
            {
                case JsonObject o when o.Count > 0 && o.Select((kv, i) => kv.Key == i.ToString(System.Globalization.CultureInfo.InvariantCulture) && kv.Value is JsonValue).All(ok => ok):
                    pairs.Add($"<code class=\"kv\">{Html.E(prefix)} = [{Html.E(string.Join(", ", o.Select(kv => Show(kv.Value))))}]</code>");
                    break;
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        Walk(v, prefix.Length == 0 ? k : $"{prefix}:{k}");
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{prefix}:{i}");
                    }

                    break;
                default:
                    pairs.Add($"<code class=\"kv\">{Html.E(prefix)} = {Html.E(Show(node))}</code>");
                    break;
            }
        }

        Walk(section, "");
        return string.Join(" ", pairs);
    }
}
