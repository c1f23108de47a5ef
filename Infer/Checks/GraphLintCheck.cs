using Harness.Export.Onnx.Proto;

namespace Harness.Infer.Checks;

/// <summary>
/// Static inspection of a graph (and its subgraphs): in the deployment graph no sampling op may be active
/// (Dropout with training_mode true or fed at run time, Random*, Bernoulli, Multinomial) and every
/// BatchNormalization must be in inference mode (training_mode 0, no running-statistic outputs, not is_test = 0).
/// For the MC graph sampling is expected, so only the normalization rule applies.
/// </summary>
public sealed class GraphLintCheck : IGateCheck
{
    private static readonly HashSet<string> SamplingOps =
        ["RandomUniform", "RandomNormal", "RandomUniformLike", "RandomNormalLike", "Bernoulli", "Multinomial"];

    /// <summary>
    /// Dropout ops and the index of their training_mode input: ONNX Dropout (opset ≥ 12) and ONNX Runtime's fused
    /// com.microsoft forms that training graphs use (BiasDropout and BitmaskBiasDropout take data, bias, residual,
    /// ratio, training_mode; BitmaskDropout takes data, ratio, training_mode).
    /// </summary>
    private static readonly Dictionary<string, int> DropoutOps = new()
    {
        ["Dropout"] = 2, ["BitmaskDropout"] = 2, ["BiasDropout"] = 4, ["BitmaskBiasDropout"] = 4,
    };

    private readonly bool _mc;

    /// <param name="mc">Lint the MC graph (sampling allowed) instead of the deployment graph.</param>
    public GraphLintCheck(bool mc = false) => _mc = mc;

    public string Name => _mc ? "mc-graph-lint" : "graph-lint";

    public CheckResult Run(GateContext context)
    {
        var model = _mc ? context.McGraph : context.Graph;
        if (model is null)
        {
            return CheckResult.Skip(Name, "no MC graph given (--mc)");
        }

        var problems = new List<string>();
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        Inspect(model.Graph, ConstantBooleans(model.Graph), problems);
        var evidence = new Dictionary<string, object>
        {
            ["ir_version"] = model.IrVersion, ["opset"] = opset, ["nodes"] = model.Graph.Node.Count,
            ["problem_count"] = problems.Count, ["problems"] = problems,
        };
        return problems.Count == 0
            ? CheckResult.Pass(Name, $"{model.Graph.Node.Count} nodes, IR {model.IrVersion}, opset {opset}: " +
                                     (_mc ? "every BatchNormalization in inference mode" : "no active sampling op, every BatchNormalization in inference mode"), evidence)
            : CheckResult.Fail(Name, $"{CheckFormat.Number(problems.Count)} problem{(problems.Count == 1 ? "" : "s")} in " +
                                     $"{model.Graph.Node.Count} nodes: {string.Join("; ", problems)}", evidence);
    }

    private void Inspect(GraphProto graph, IReadOnlyDictionary<string, bool> constants, List<string> problems)
    {
        foreach (var node in graph.Node)
        {
            var label = string.IsNullOrEmpty(node.Name) ? $"{node.OpType} → {string.Join(",", node.Output)}" : $"{node.OpType} '{node.Name}'";
            if (!_mc && SamplingOps.Contains(node.OpType))
            {
                problems.Add($"{label} samples random numbers");
            }

            if (!_mc && DropoutOps.TryGetValue(node.OpType, out var trainingInput))
            {
                var trainingMode = node.Input.Count > trainingInput ? node.Input[trainingInput] : "";
                if (trainingMode.Length > 0 && (!constants.TryGetValue(trainingMode, out var on) || on))
                {
                    problems.Add(constants.ContainsKey(trainingMode)
                        ? $"{label} has training_mode = true (dropout samples at inference)"
                        : $"{label} takes training_mode from '{trainingMode}', which is not a constant false");
                }

                var isTest = node.Attribute.FirstOrDefault(a => a.Name == "is_test");
                if (isTest is not null && isTest.I == 0)
                {
                    problems.Add($"{label} has is_test = 0 (training behaviour)");
                }
            }

            if (node.OpType == "BatchNormalization")
            {
                var training = node.Attribute.FirstOrDefault(a => a.Name == "training_mode");
                if (training is not null && training.I != 0)
                {
                    problems.Add($"{label} has training_mode = 1 (normalizes with batch statistics)");
                }

                var isTest = node.Attribute.FirstOrDefault(a => a.Name == "is_test");
                if (isTest is not null && isTest.I == 0)
                {
                    problems.Add($"{label} has is_test = 0 (normalizes with batch statistics)");
                }

                if (node.Output.Skip(1).Any(o => o.Length > 0))
                {
                    problems.Add($"{label} produces running-statistic outputs (training form)");
                }
            }

            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is not null && attribute.Type == AttributeProto.Types.AttributeType.Graph)
                {
                    Inspect(attribute.G, constants, problems);
                }

                foreach (var sub in attribute.Graphs)
                {
                    Inspect(sub, constants, problems);
                }
            }
        }
    }

    /// <summary>Boolean scalars known at load time: initializers and Constant nodes.</summary>
    private static Dictionary<string, bool> ConstantBooleans(GraphProto graph)
    {
        var constants = new Dictionary<string, bool>();
        foreach (var tensor in graph.Initializer)
        {
            if (TryBool(tensor, out var value))
            {
                constants[tensor.Name] = value;
            }
        }

        foreach (var node in graph.Node.Where(n => n.OpType == "Constant"))
        {
            var t = node.Attribute.FirstOrDefault(a => a.Name == "value")?.T;
            if (t is not null && node.Output.Count == 1 && TryBool(t, out var value))
            {
                constants[node.Output[0]] = value;
            }
        }

        return constants;
    }

    private static bool TryBool(TensorProto tensor, out bool value)
    {
        value = false;
        if (tensor.DataType != (int)TensorProto.Types.DataType.Bool || tensor.Dims.Aggregate(1L, (a, d) => a * d) != 1)
        {
            return false;
        }

        if (!tensor.RawData.IsEmpty)
        {
            value = tensor.RawData[0] != 0;
            return true;
        }

        if (tensor.Int32Data.Count == 1)
        {
            value = tensor.Int32Data[0] != 0;
            return true;
        }

        return false;
    }
}
