using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;

namespace Harness.Tests.Infer.Gate.Mutants;

/// <summary>
/// The mutation suite of the eval-mode gate: every way an exported model can still behave like training, or drift
/// from the trained model, or stop sampling in its MC graph, as a generator of broken copies of good models. Each
/// mutant names the checks that must reject it.
/// </summary>
internal static class MutantCatalog
{
    /// <summary>Drop probability of the dropout the mutants leave sampling.</summary>
    private const float LeftDropout = 0.3f;

    /// <summary>Relative weight change beyond any probe tolerance (outputs move by ~1e-2 on O(1) outputs).</summary>
    public const float BeyondTolerance = 1e-2f;

    public static IReadOnlyList<Mutant> All { get; } =
    [
        new("bn-training-mode", "every BatchNormalization switched to training_mode = 1 (batch statistics)",
            MutantTarget.Deployment, BatchNormTrainingMode,
            [new("graph-lint", "problem_count", "training_mode = 1"), new("batch-independence", "max_abs_difference")]),
        new("bn-batch-statistics", "BatchNormalization fed with batch-normalized data computed by ReduceMean over axis 0 " +
                                   "(no BN attribute says so: static inspection cannot see it)",
            MutantTarget.Deployment, BatchStatisticArithmetic,
            [new("batch-independence", "max_abs_difference")], Blind: ["graph-lint", "determinism"]),
        new("dropout-sampling-mask-consumed", "Dropout(training_mode = true) whose mask is consumed, so ONNX Runtime keeps it",
            MutantTarget.Deployment, m => LeftSamplingDropout(m, consumeMask: true),
            [new("determinism", "differing_values"), new("graph-lint", "problem_count", "training_mode = true")]),
        new("dropout-22-sampling", "Dropout-22 with training_mode = true and no mask output: ONNX Runtime 1.30 eliminates it " +
                                   "like Dropout ≤ 13 (so it is deterministic here, see DropoutLeftSamplingSamplesWithoutOptimization), " +
                                   "but any runtime that honours training_mode samples",
            MutantTarget.Deployment, m => LeftSamplingDropout(m, consumeMask: false),
            [new("graph-lint", "problem_count", "training_mode = true")]),
        new("noise-injected", "RandomNormalLike noise (σ = 1e-3) added to the output",
            MutantTarget.Deployment, InjectNoise,
            [new("determinism", "differing_values"), new("graph-lint", "problem_count", "RandomNormalLike")]),
        new("running-stats-reset", "BatchNorm running statistics reset to mean 0 / variance 1",
            MutantTarget.Deployment, ResetRunningStatistics,
            [new("probe-parity", "max_abs_difference")], Blind: ["determinism", "batch-independence", "graph-lint"],
            NeedsProbe: true),
        new("weights-perturbed", $"first layer's weights scaled by 1 + {BeyondTolerance}",
            MutantTarget.Deployment, m => PerturbWeights(m, BeyondTolerance),
            [new("probe-parity", "max_abs_difference")], Blind: ["determinism", "batch-independence", "graph-lint"],
            NeedsProbe: true),
        new("mc-unscaled-dropout", "MC graph: the dropout mask applied without its 1/(1 − p) rescaling",
            MutantTarget.Mc, RemoveRescaling,
            [new("mc-mean", "site_mean")], Blind: ["mc-sampling", "mc-graph-lint", "mc-running-statistics"]),
        new("mc-dropout-optimized-away", "MC graph: dropout as Dropout-13 training_mode = true with its mask unused " +
                                         "(ONNX Runtime's EliminateDropout deletes it)",
            MutantTarget.Mc, DropoutOptimizedAway,
            [new("mc-sampling", "runs")]),
        new("mc-bn-training-mode", "MC graph: BatchNormalization with training_mode = 1 (model.train() for MC dropout)",
            MutantTarget.Mc, BatchNormTrainingMode,
            [new("mc-running-statistics", "ratio_to_allowed"), new("mc-graph-lint", "problem_count", "training_mode = 1")]),
        new("mc-bn-batch-statistics", "MC graph: BatchNormalization fed with batch statistics computed by ReduceMean",
            MutantTarget.Mc, BatchStatisticArithmetic,
            [new("mc-running-statistics", "ratio_to_allowed")], Blind: ["mc-graph-lint", "mc-sampling"]),
    ];

    /// <summary>Every BatchNormalization in training mode (moves opset &lt; 14 models to 15, where the attribute exists).</summary>
    public static ModelProto BatchNormTrainingMode(ModelProto source)
    {
        var model = source.Clone();
        if (GraphEdit.Opset(model) < 14)
        {
            GraphEdit.SetOpset(model, 15);
        }

        var found = 0;
        foreach (var bn in model.Graph.Node.Where(n => n.OpType == "BatchNormalization"))
        {
            // ONNX Runtime insists on the training form's three outputs (Y, running_mean, running_var).
            GraphEdit.SetInt(bn, "training_mode", 1);
            while (bn.Output.Count < 3)
            {
                bn.Output.Add(GraphEdit.Fresh(model.Graph, $"{bn.Output[0]}.running_{(bn.Output.Count == 1 ? "mean" : "var")}"));
            }

            found++;
        }

        return found > 0 ? model : throw new InvalidOperationException("the model has no BatchNormalization");
    }

    /// <summary>
    /// Every BatchNormalization's input standardized with the batch's own mean and variance (ReduceMean over axis 0,
    /// per feature / pixel), and its running statistics set to 0 / 1: batch-statistic normalization by arithmetic.
    /// </summary>
    public static ModelProto BatchStatisticArithmetic(ModelProto source)
    {
        var model = source.Clone();
        var graph = model.Graph;
        var opset = GraphEdit.Opset(model);
        var bns = graph.Node.Where(n => n.OpType == "BatchNormalization").ToList();
        if (bns.Count == 0)
        {
            throw new InvalidOperationException("the model has no BatchNormalization");
        }

        foreach (var bn in bns)
        {
            var x = bn.Input[0];
            var prefix = $"{bn.Name}.batch_stats";
            string Fresh(string role) => GraphEdit.Fresh(graph, $"{prefix}.{role}");
            var epsilon = bn.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            var eps = GraphEdit.FloatScalar(graph, $"{prefix}.epsilon", epsilon);
            NodeProto Mean(string input, string output)
            {
                if (opset >= 18)
                {
                    var axes = GraphEdit.Fresh(graph, $"{prefix}.axes");
                    graph.Initializer.Add(OnnxTensors.Int64(axes, [0], [1]));
                    return GraphEdit.Node("ReduceMean", [input, axes], [output], Fresh("reduce"), OnnxAttributes.Int("keepdims", 1));
                }

                return GraphEdit.Node("ReduceMean", [input], [output], Fresh("reduce"),
                    OnnxAttributes.Ints("axes", [0]), OnnxAttributes.Int("keepdims", 1));
            }

            var (mean, centered, squared, variance, shifted, std, normalized) =
                (Fresh("mean"), Fresh("centered"), Fresh("squared"), Fresh("variance"), Fresh("shifted"), Fresh("std"), Fresh("normalized"));
            var meanNode = Mean(x, mean);
            graph.Node.Insert(graph.Node.IndexOf(bn), meanNode);
            var sub = GraphEdit.Node("Sub", [x, mean], [centered], Fresh("sub"));
            var square = GraphEdit.Node("Mul", [centered, centered], [squared], Fresh("square"));
            GraphEdit.InsertBefore(graph, bn, sub, square);
            var varianceNode = Mean(squared, variance);
            GraphEdit.InsertBefore(graph, bn, varianceNode,
                GraphEdit.Node("Add", [variance, eps], [shifted], Fresh("add")),
                GraphEdit.Node("Sqrt", [shifted], [std], Fresh("sqrt")),
                GraphEdit.Node("Div", [centered, std], [normalized], Fresh("div")));
            bn.Input[0] = normalized;
            GraphEdit.MapFloats(graph, bn.Input[3], m => new float[m.Length]);
            GraphEdit.MapFloats(graph, bn.Input[4], v => Enumerable.Repeat(1f, v.Length).ToArray());
        }

        return model;
    }

    /// <summary>
    /// Sampling dropout at every <see cref="GraphEdit.DropoutSites"/> site: Dropout(training_mode = true) with its mask
    /// multiplied back in (so ONNX Runtime keeps the node), or, without the mask, at opset 22.
    /// </summary>
    public static ModelProto LeftSamplingDropout(ModelProto source, bool consumeMask)
    {
        var model = source.Clone();
        var graph = model.Graph;
        if (!consumeMask)
        {
            GraphEdit.SetOpset(model, 22);
        }

        var sites = GraphEdit.DropoutSites(graph);
        if (sites.Count == 0)
        {
            throw new InvalidOperationException("the model has no dropout site");
        }

        foreach (var site in sites)
        {
            var x = site.Input[0];
            var prefix = $"{site.Name}.dropout";
            string Fresh(string role) => GraphEdit.Fresh(graph, $"{prefix}.{role}");
            var ratio = GraphEdit.FloatScalar(graph, $"{prefix}.ratio", LeftDropout);
            var training = GraphEdit.BoolScalar(graph, $"{prefix}.training_mode", true);
            var output = Fresh("output");
            if (consumeMask)
            {
                var (dropped, mask, maskFloat) = (Fresh("dropped"), Fresh("mask"), Fresh("mask_float"));
                GraphEdit.InsertBefore(graph, site,
                    GraphEdit.Node("Dropout", [x, ratio, training], [dropped, mask], Fresh("node")),
                    GraphEdit.Node("Cast", [mask], [maskFloat], Fresh("cast"), OnnxAttributes.Int("to", 1)),
                    GraphEdit.Node("Mul", [dropped, maskFloat], [output], Fresh("consume_mask")));
            }
            else
            {
                GraphEdit.InsertBefore(graph, site, GraphEdit.Node("Dropout", [x, ratio, training], [output], Fresh("node")));
            }

            site.Input[0] = output;
        }

        return model;
    }

    /// <summary>Gaussian noise (σ = 1e-3) from RandomNormalLike added to the first output.</summary>
    public static ModelProto InjectNoise(ModelProto source)
    {
        var model = source.Clone();
        var graph = model.Graph;
        var output = graph.Output[0].Name;
        var producer = GraphEdit.Producer(graph, output) ?? throw new InvalidOperationException("the output has no producer");
        var (clean, noise) = (GraphEdit.Fresh(graph, $"{output}.clean"), GraphEdit.Fresh(graph, $"{output}.noise"));
        producer.Output[producer.Output.IndexOf(output)] = clean;
        GraphEdit.InsertAfter(graph, producer,
            GraphEdit.Node("RandomNormalLike", [clean], [noise], GraphEdit.Fresh(graph, "noise"),
                OnnxAttributes.Float("scale", 1e-3f), OnnxAttributes.Int("dtype", 1)),
            GraphEdit.Node("Add", [clean, noise], [output], GraphEdit.Fresh(graph, "add_noise")));
        return model;
    }

    /// <summary>Every BatchNormalization's running mean set to 0 and running variance to 1.</summary>
    public static ModelProto ResetRunningStatistics(ModelProto source)
    {
        var model = source.Clone();
        var bns = model.Graph.Node.Where(n => n.OpType == "BatchNormalization").ToList();
        if (bns.Count == 0)
        {
            throw new InvalidOperationException("the model has no BatchNormalization");
        }

        foreach (var bn in bns)
        {
            GraphEdit.MapFloats(model.Graph, bn.Input[3], m => new float[m.Length]);
            GraphEdit.MapFloats(model.Graph, bn.Input[4], v => Enumerable.Repeat(1f, v.Length).ToArray());
        }

        return model;
    }

    /// <summary>The weight of the first Gemm / Conv / MatMul scaled by 1 + <paramref name="relative"/>.</summary>
    public static ModelProto PerturbWeights(ModelProto source, float relative)
    {
        var model = source.Clone();
        var layer = model.Graph.Node.First(n => n.OpType is "Gemm" or "Conv" or "MatMul");
        GraphEdit.MapFloats(model.Graph, layer.Input[1], w => w.Select(v => v * (1 + relative)).ToArray());
        return model;
    }

    /// <summary>The MC graph's masks applied without 1/(1 − p): every constant factor of a mask set to 1.</summary>
    public static ModelProto RemoveRescaling(ModelProto source)
    {
        var model = source.Clone();
        var graph = model.Graph;
        var removed = 0;
        foreach (var (node, dataInput) in McGraphs.MaskApplications(graph))
        {
            var stack = new Stack<string>([node.Input[1 - dataInput]]);
            while (stack.TryPop(out var value))
            {
                if (GraphEdit.Producer(graph, value) is not { OpType: "Mul" or "Div" } scaling)
                {
                    continue;
                }

                foreach (var operand in scaling.Input)
                {
                    if (GraphEdit.Initializer(graph, operand) is not null)
                    {
                        GraphEdit.MapFloats(graph, operand, s => Enumerable.Repeat(1f, s.Length).ToArray());
                        removed++;
                    }
                    else
                    {
                        stack.Push(operand);
                    }
                }
            }
        }

        return removed > 0 ? model : throw new InvalidOperationException("the MC graph has no mask rescaling to remove");
    }

    /// <summary>
    /// Every sampled mask replaced by Dropout-13 (training_mode = true, ratio 0.3) without a mask output, the MC
    /// graph an exporter writes when it trusts training_mode: ONNX Runtime deletes such nodes at load.
    /// </summary>
    public static ModelProto DropoutOptimizedAway(ModelProto source)
    {
        var model = source.Clone();
        var graph = model.Graph;
        if (GraphEdit.Opset(model) >= 22)
        {
            throw new InvalidOperationException("Dropout-22 is not eliminated; this mutant needs opset < 22");
        }

        var applications = McGraphs.MaskApplications(graph);
        if (applications.Count == 0)
        {
            throw new InvalidOperationException("the MC graph applies no sampled mask");
        }

        foreach (var (node, dataInput) in applications)
        {
            var prefix = $"{node.Name}.dropout";
            var ratio = GraphEdit.FloatScalar(graph, $"{prefix}.ratio", LeftDropout);
            var training = GraphEdit.BoolScalar(graph, $"{prefix}.training_mode", true);
            var dropout = GraphEdit.Node("Dropout", [node.Input[dataInput], ratio, training], [node.Output[0]],
                GraphEdit.Fresh(graph, prefix));
            graph.Node[graph.Node.IndexOf(node)] = dropout;
        }

        GraphEdit.RemoveDeadNodes(graph);
        return model;
    }
}
