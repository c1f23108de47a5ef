using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Exporting;

/// <summary>
/// Rewrites an MC-dropout graph so that the deterministic part before the first sampling site runs once per
/// sample instead of once per pass. The graph takes the batch <c>input</c> [B, …] and a second input
/// <see cref="PassesInputName"/> (float [1], holding T), computes the prefix on the B rows, tiles every prefix value
/// that the stochastic rest reads T times along the batch (ONNX Tile: row j·B + i is copy j of row i), and runs the
/// rest on B·T rows: <c>logits</c> is [B·T, K], pass-major — the same layout as feeding the plain MC graph the batch
/// tiled T times, so each pass still draws its own masks.
/// </summary>
/// <remarks>
/// <para>The prefix is every node that does not depend on a random node (RandomUniform(Like), RandomNormal(Like),
/// Bernoulli, Multinomial, Dropout); the boundary is every value the prefix computes from the batch input that a
/// stochastic node reads or that is a graph output. Only row-wise operators may sit in the prefix (every inference
/// layer the exporter writes is row-wise), so tiling the prefix's output equals running the prefix on tiled rows.
/// A graph without sampling gets a Tile on its output: T identical passes.</para>
/// <para>Masks that do not depend on the batch (DropConnect's [out, in] weight mask) are drawn once per call, as in
/// the plain tiled graph.</para>
/// </remarks>
public static class McPrefixSharing
{
    /// <summary>Name of the float [1] input that holds the number of passes T (an integer value).</summary>
    public const string PassesInputName = "passes";

    /// <summary>Symbolic first dimension of the rewritten graph's outputs.</summary>
    public const string RowsDim = "batch_x_passes";

    /// <summary>Metadata key ("true") marking a prefix-shared MC graph.</summary>
    public const string MetadataKey = "mc_shared_prefix";

    private static readonly HashSet<string> RandomOps = new(StringComparer.Ordinal)
    {
        "RandomUniform", "RandomUniformLike", "RandomNormal", "RandomNormalLike", "Bernoulli", "Multinomial", "Dropout",
    };

    /// <summary>Operators whose output has the rank of their first input.</summary>
    private static readonly HashSet<string> SameRankOps = new(StringComparer.Ordinal)
    {
        "Relu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Identity", "BatchNormalization", "LayerNormalization",
        "RMSNormalization", "GroupNormalization", "InstanceNormalization", "Conv", "MaxPool", "AveragePool",
        "GlobalAveragePool", "GlobalMaxPool", "RandomUniformLike", "RandomNormalLike", "Bernoulli", "Cast", "Sqrt",
        "Reciprocal", "Neg", "Abs", "Exp", "Log", "Transpose", "Dropout", "Clip", "LeakyRelu", "Gelu", "Erf",
    };

    /// <summary>Element-wise operators with broadcasting: the output has the largest input rank.</summary>
    private static readonly HashSet<string> BroadcastOps = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Pow", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Equal", "Where",
        "Max", "Min", "And", "Or",
    };

    /// <summary>
    /// The prefix-shared form of <paramref name="mcModel"/> (not modified): a single-input graph whose first input
    /// is the batch. The result keeps every initializer, node name and the metadata, adds <see cref="MetadataKey"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The graph does not have one input, already has a
    /// <see cref="PassesInputName"/> value, or the rank of a boundary value cannot be told from its operator.</exception>
    public static ModelProto Apply(ModelProto mcModel)
    {
        ArgumentNullException.ThrowIfNull(mcModel);
        var model = mcModel.Clone();
        var graph = model.Graph;
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new NotSupportedException(
                $"Prefix sharing needs a graph with one batch input; '{graph.Name}' has {inputs.Count} ({string.Join(", ", inputs.Select(i => i.Name))}).");
        }

        var batchInput = inputs[0].Name;
        var used = new HashSet<string>(graph.Node.SelectMany(n => n.Output).Concat(graph.Input.Select(i => i.Name))
            .Concat(initializers).Concat(graph.Node.Select(n => n.Name)), StringComparer.Ordinal);
        if (used.Contains(PassesInputName))
        {
            throw new NotSupportedException($"Graph '{graph.Name}' already has a value named '{PassesInputName}'.");
        }

        // Classify: batch-dependent values, stochastic values (downstream of a random node).
        var fromBatch = new HashSet<string>(StringComparer.Ordinal) { batchInput };
        var stochastic = new HashSet<string>(StringComparer.Ordinal);
        var post = new List<NodeProto>();
        var pre = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            var isStochastic = RandomOps.Contains(node.OpType) || node.Input.Any(stochastic.Contains);
            var isBatch = node.Input.Any(fromBatch.Contains);
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                if (isStochastic)
                {
                    stochastic.Add(output);
                }

                if (isBatch)
                {
                    fromBatch.Add(output);
                }
            }

            (isStochastic ? post : pre).Add(node);
        }

        var constants = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var node in pre.Where(n => n.Input.Any(fromBatch.Contains)))
        {
            if (!IsRowWise(node, constants))
            {
                throw new NotSupportedException(
                    $"Prefix sharing: node '{node.Name}' ({node.OpType}) before the first sampling site may mix or reshape " +
                    $"batch rows, so its output cannot be tiled in place of running it on tiled rows.");
            }
        }

        var outputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        bool IsBoundary(string v) => fromBatch.Contains(v) && !stochastic.Contains(v);
        var boundary = post.SelectMany(n => n.Input).Where(IsBoundary)
            .Concat(graph.Output.Select(o => o.Name).Where(IsBoundary))
            .Distinct(StringComparer.Ordinal).ToList();

        var ranks = Ranks(graph);
        var names = new NameSource(used);
        var added = new List<NodeProto>();
        var passes = names.Take("passes.count");
        added.Add(Node("Cast", [PassesInputName], [passes], "passes.count",
            OnnxAttributes.Int("to", (long)DataType.Int64)));
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in boundary)
        {
            var rank = ranks.GetValueOrDefault(value) ?? throw new NotSupportedException(
                $"Prefix sharing: the rank of '{value}' (read by the sampling part of '{graph.Name}') cannot be told from its operator.");
            var repeats = passes;
            if (rank > 1)
            {
                var ones = names.Take($"{value}.tile_ones");
                graph.Initializer.Add(OnnxTensors.Int64(ones, Enumerable.Repeat(1L, rank - 1).ToArray(), [rank - 1]));
                repeats = names.Take($"{value}.tile_repeats");
                added.Add(Node("Concat", [passes, ones], [repeats], names.Take($"{value}.tile_repeats"),
                    OnnxAttributes.Int("axis", 0)));
            }

            if (outputs.Contains(value))
            {
                // A graph output computed before any sampling: its producer writes a new name, the Tile the output.
                var inner = names.Take($"{value}.prefix");
                Rename(pre, value, inner);
                added.Add(Node("Tile", [inner, repeats], [value], names.Take($"{value}.tile")));
                renames[value] = value;
            }
            else
            {
                var tiled = names.Take($"{value}.tiled");
                added.Add(Node("Tile", [value, repeats], [tiled], names.Take($"{value}.tile")));
                renames[value] = tiled;
            }
        }

        foreach (var node in post)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (renames.TryGetValue(node.Input[i], out var tiled))
                {
                    node.Input[i] = tiled;
                }
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(pre);
        graph.Node.AddRange(added);
        graph.Node.AddRange(post);
        graph.Input.Add(new ValueInfoProto
        {
            Name = PassesInputName,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)DataType.Float,
                    Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 1 } } },
                },
            },
        });
        foreach (var output in graph.Output)
        {
            if (output.Type?.TensorType?.Shape is { Dim.Count: > 0 } shape)
            {
                shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimParam = RowsDim };
            }
        }

        graph.DocString = (graph.DocString.Length > 0 ? graph.DocString + " " : "") +
            $"Prefix-shared: the layers before the first sampling site run once per sample; their output is tiled " +
            $"'{PassesInputName}' times (pass-major rows, [B·T, …]) before the sampling part.";
        model.MetadataProps.Add(new StringStringEntryProto { Key = MetadataKey, Value = "true" });
        return model;
    }

    /// <summary>Whether <paramref name="model"/> was written by <see cref="Apply"/>.</summary>
    public static bool IsSharedPrefix(ModelProto model) =>
        model.MetadataProps.Any(p => p.Key == MetadataKey && p.Value == "true");

    private static void Rename(List<NodeProto> nodes, string from, string to)
    {
        foreach (var node in nodes)
        {
            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }

            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }
        }
    }

    /// <summary>The rank of every value whose rank follows from its operator (null where it does not).</summary>
    private static Dictionary<string, int?> Ranks(GraphProto graph)
    {
        var ranks = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
        {
            ranks[input.Name] = input.Type?.TensorType?.Shape?.Dim.Count;
        }

        foreach (var initializer in graph.Initializer)
        {
            ranks[initializer.Name] = initializer.Dims.Count;
        }

        var constants = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            int? Of(int i) => i < node.Input.Count && node.Input[i].Length > 0 ? ranks.GetValueOrDefault(node.Input[i]) : null;
            int? rank = node.OpType switch
            {
                _ when SameRankOps.Contains(node.OpType) => Of(0),
                _ when BroadcastOps.Contains(node.OpType) => node.Input.Count == 0 ? null
                    : node.Input.Select((_, i) => Of(i)).Aggregate((int?)0, (a, b) => a is null || b is null ? null : Math.Max(a.Value, b.Value)),
                "Gemm" or "Flatten" => 2,
                "MatMul" => Of(0) is { } a && Of(1) is { } b ? Math.Max(Math.Max(a, b), 2) : null,
                "ReduceMean" or "ReduceSum" or "ReduceMax" => Attribute(node, "keepdims") is null or 1 ? Of(0) : null,
                "Reshape" => node.Input.Count > 1 && constants.TryGetValue(node.Input[1], out var target)
                    ? (int)OnnxTensors.ElementCount(target.Dims) : null,
                "Constant" => node.Attribute.FirstOrDefault(a => a.Name == "value")?.T?.Dims.Count,
                _ => null,
            };
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                ranks[output] = rank;
            }
        }

        return ranks;
    }

    /// <summary>
    /// Whether a node computes each batch row from that row alone (and keeps the batch axis first), so that running it
    /// on B rows and tiling equals running it on the tiled rows: the element-wise, normalization, convolution and
    /// pooling operators, Gemm/MatMul, Flatten from axis ≥ 1, Reshape that copies the batch dimension (leading 0),
    /// Transpose that keeps axis 0, reductions over axes other than 0. Anything else (Shape, Gather, Concat, …) is not.
    /// </summary>
    private static bool IsRowWise(NodeProto node, IReadOnlyDictionary<string, TensorProto> constants)
    {
        var op = node.OpType;
        if (op is "Softmax" or "LogSoftmax")
        {
            return Attribute(node, "axis") is not 0; // default axis −1 (opset ≥ 13)
        }

        if (op == "Transpose")
        {
            return node.Attribute.FirstOrDefault(a => a.Name == "perm") is { } perm && perm.Ints.Count > 0 && perm.Ints[0] == 0;
        }

        if (SameRankOps.Contains(op) || BroadcastOps.Contains(op) || op is "Gemm" or "MatMul")
        {
            // A broadcast partner must not carry its own batch axis: only the node's batch input may (checked by the
            // caller's classification: every other input is a constant or a prefix value of the same rows).
            return op is not ("Gemm" or "MatMul") || node.Input.Count < 2 || constants.ContainsKey(node.Input[1]);
        }

        switch (op)
        {
            case "Flatten":
                return Attribute(node, "axis") is null or >= 1;
            case "Reshape":
                return node.Input.Count > 1 && constants.TryGetValue(node.Input[1], out var target) &&
                       OnnxTensors.ToInt64Array(target) is [0, ..];
            case "ReduceMean" or "ReduceSum" or "ReduceMax":
                var axes = node.Attribute.FirstOrDefault(a => a.Name == "axes")?.Ints.ToArray()
                    ?? (node.Input.Count > 1 && constants.TryGetValue(node.Input[1], out var t) ? OnnxTensors.ToInt64Array(t) : null);
                return axes is { Length: > 0 } && axes.All(a => a > 0); // a negative axis may name the batch axis: refuse
            default:
                return false;
        }
    }

    private static long? Attribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : null;

    private static NodeProto Node(string op, string[] inputs, string[] outputs, string name, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    /// <summary>Fresh value and node names next to the graph's own.</summary>
    private sealed class NameSource(HashSet<string> used)
    {
        public string Take(string hint)
        {
            var name = hint;
            for (var i = 1; !used.Add(name); i++)
            {
                name = $"{hint}_{i}";
            }

            return name;
        }
    }
}
