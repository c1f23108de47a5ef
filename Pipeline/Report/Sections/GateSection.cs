using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Harness.Pipeline.Report.Inputs;

namespace Harness.Pipeline.Report.Sections;

/// <summary>
/// The eval-mode gate's verdict, from the check JSON that <c>check MODEL.onnx --json FILE</c> writes into the run
/// folder: <c>{ "model", "mc_model", "inputs", "passed", "checks": [ { "name", "status": "pass|fail|skip",
/// "message", "evidence": { ... } } ] }</c>. The file is <see cref="PreferredNames"/> when present, else any *.json
/// of the run folder of that shape.
/// </summary>
public sealed class GateSection : IReportSection
{
    public static readonly string[] PreferredNames = ["check.json", "gate.json"];

    public string Id => "gate";

    public string Title => "Eval-mode gate";

    public SectionOutput Render(ReportContext context)
    {
        var candidates = PreferredNames.Select(context.File)
            .Concat(Directory.Exists(context.RunFolder)
                ? Directory.EnumerateFiles(context.RunFolder, "*.json").Order(StringComparer.Ordinal)
                : [])
            .Distinct()
            .Where(File.Exists)
            .ToList();
        JsonLoad? broken = null;
        foreach (var path in candidates)
        {
            var load = JsonInput.Load(path);
            if (load.Node is { } node && JsonInput.Get(node, "checks") is JsonArray)
            {
                return Render(load.Path, node);
            }

            if (load.Error is not null && PreferredNames.Contains(Path.GetFileName(path)))
            {
                broken = load;
            }
        }

        if (broken is not null)
        {
            return new SectionOutput(Html.Unreadable(broken.Path, broken.Error!), SectionStatus.Error);
        }

        var model = context.File("model.onnx");
        return new SectionOutput(
            Html.Missing("the gate's result", context.File("check.json"),
                $"./harness check {model} --probe {context.File("probe.safetensors")} --mc {context.File("model.mc.onnx")} --json {context.File("check.json")}"),
            SectionStatus.Missing);
    }

    private static SectionOutput Render(string path, JsonNode node)
    {
        var checks = JsonInput.Objects(JsonInput.Get(node, "checks"));
        var statuses = checks.Select(c => (JsonInput.Text(c, "status") ?? "?").ToLowerInvariant()).ToList();
        var passed = JsonInput.Bool(JsonInput.Get(node, "passed")) ?? statuses.All(s => s != "fail");
        var html = new StringBuilder();
        html.Append("<div class=\"verdict ").Append(passed ? "pass" : "fail").Append("\">")
            .Append(passed ? "PASS" : "FAIL")
            .Append($"<span>{statuses.Count(s => s == "pass")} passed · {statuses.Count(s => s == "fail")} failed · {statuses.Count(s => s == "skip")} skipped</span></div>");
        html.Append(Html.Note(
            $"Deployment model <code>{Html.E(JsonInput.Text(node, "model") ?? "?")}</code>" +
            (JsonInput.Text(node, "mc_model") is { } mc ? $", MC model <code>{Html.E(mc)}</code>" : "") +
            (JsonInput.Text(node, "inputs") is { } inputs ? $"; inputs: {Html.E(inputs)}" : "") +
            $". From <code>{Html.E(path)}</code>."));
        html.Append(Html.Table(["check", "result", "evidence"], checks.Select((c, i) => (IReadOnlyList<string>)
        [
            $"<code>{Html.E(JsonInput.Text(c, "name") ?? "?")}</code>",
            Html.Pill(statuses[i] == "fail" ? "FAIL" : statuses[i], statuses[i]),
            Html.E(JsonInput.Text(c, "message") ?? "") + Evidence(JsonInput.Get(c, "evidence")),
        ])));
        return new SectionOutput(html.ToString(), SectionStatus.Complete);
    }

    private static string Evidence(JsonNode? evidence)
    {
        if (evidence is not JsonObject obj || obj.Count == 0)
        {
            return "";
        }

        var parts = obj.Select(kv => $"<code class=\"kv\">{Html.E(kv.Key)} = {Html.E(kv.Value switch
        {
            JsonValue v when JsonInput.Number(v) is { } d && v.TryGetValue<double>(out _) => d.ToString("G4", CultureInfo.InvariantCulture),
            JsonValue v => JsonInput.Text(v) ?? v.ToJsonString(),
            null => "null",
            _ => kv.Value.ToJsonString(),
        })}</code>");
        return $"<div class=\"evidence\">{string.Join(" ", parts)}</div>";
    }
}
