using Harness.Export.Onnx;
using Harness.Export.Onnx.Proto;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Tests.Infer.Gate.Mutants;

/// <summary>
/// Small edits of a <see cref="GraphProto"/> for the mutants and the test MC graphs: fresh names, nodes inserted
/// before their consumer (keeping the node list topologically sorted), scalar initializers, producers and
/// consumers of a value, dead-node removal.
/// </summary>
internal static class GraphEdit
{
    public static NodeProto Node(string op, IEnumerable<string> inputs, IEnumerable<string> outputs, string name,
        params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name, Domain = "" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    /// <summary>A value / node name not used in the graph yet, derived from <paramref name="hint"/>.</summary>
    public static string Fresh(GraphProto graph, string hint)
    {
        var used = new HashSet<string>(graph.Node.SelectMany(n => n.Output.Append(n.Name))
            .Concat(graph.Input.Select(i => i.Name)).Concat(graph.Initializer.Select(i => i.Name)), StringComparer.Ordinal);
        if (!used.Contains(hint))
        {
            return hint;
        }

        for (var i = 1; ; i++)
        {
            if (!used.Contains($"{hint}_{i}"))
            {
                return $"{hint}_{i}";
            }
        }
    }

    /// <summary>Inserts <paramref name="nodes"/> (in order) right before <paramref name="consumer"/>.</summary>
    public static void InsertBefore(GraphProto graph, NodeProto consumer, params NodeProto[] nodes)
    {
        var at = graph.Node.IndexOf(consumer);
        if (at < 0)
        {
            throw new ArgumentException($"node '{consumer.Name}' is not in graph '{graph.Name}'", nameof(consumer));
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            graph.Node.Insert(at + i, nodes[i]);
        }
    }

    /// <summary>Inserts <paramref name="nodes"/> (in order) right after <paramref name="producer"/>.</summary>
    public static void InsertAfter(GraphProto graph, NodeProto producer, params NodeProto[] nodes)
    {
        var at = graph.Node.IndexOf(producer) + 1;
        for (var i = 0; i < nodes.Length; i++)
        {
            graph.Node.Insert(at + i, nodes[i]);
        }
    }

    /// <summary>Adds a FLOAT scalar initializer under a fresh name derived from <paramref name="hint"/>.</summary>
    public static string FloatScalar(GraphProto graph, string hint, float value)
    {
        var name = Fresh(graph, hint);
        graph.Initializer.Add(OnnxTensors.Float(name, [value], []));
        return name;
    }

    /// <summary>Adds a BOOL scalar initializer under a fresh name derived from <paramref name="hint"/>.</summary>
    public static string BoolScalar(GraphProto graph, string hint, bool value)
    {
        var name = Fresh(graph, hint);
        graph.Initializer.Add(OnnxTensors.Bool(name, [value], []));
        return name;
    }

    public static TensorProto? Initializer(GraphProto graph, string name) =>
        graph.Initializer.FirstOrDefault(t => t.Name == name);

    /// <summary>Replaces the data of FLOAT initializer <paramref name="name"/> by <paramref name="map"/> of it.</summary>
    public static void MapFloats(GraphProto graph, string name, Func<float[], float[]> map)
    {
        var tensor = Initializer(graph, name) ?? throw new ArgumentException($"no initializer '{name}'", nameof(name));
        var replaced = OnnxTensors.Float(name, map(OnnxTensors.ToFloatArray(tensor)), tensor.Dims.ToArray());
        graph.Initializer[graph.Initializer.IndexOf(tensor)] = replaced;
    }

    public static NodeProto? Producer(GraphProto graph, string value) =>
        graph.Node.FirstOrDefault(n => n.Output.Contains(value));

    public static IEnumerable<NodeProto> Consumers(GraphProto graph, string value) =>
        graph.Node.Where(n => n.Input.Contains(value));

    /// <summary>True when a node of <paramref name="ops"/> is among the producers of <paramref name="value"/> (transitively).</summary>
    public static bool DependsOn(GraphProto graph, string value, IReadOnlySet<string> ops)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([value]);
        while (stack.TryPop(out var v))
        {
            if (!seen.Add(v) || Producer(graph, v) is not { } node)
            {
                continue;
            }

            if (ops.Contains(node.OpType))
            {
                return true;
            }

            foreach (var input in node.Input.Where(i => i.Length > 0))
            {
                stack.Push(input);
            }
        }

        return false;
    }

    /// <summary>Removes the nodes (and initializers) that no graph output depends on.</summary>
    public static void RemoveDeadNodes(GraphProto graph)
    {
        var live = new HashSet<string>(graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (node.Output.Any(live.Contains))
            {
                live.UnionWith(node.Input.Where(n => n.Length > 0));
            }
            else
            {
                graph.Node.RemoveAt(i);
            }
        }

        foreach (var tensor in graph.Initializer.Where(t => !live.Contains(t.Name)).ToList())
        {
            graph.Initializer.Remove(tensor);
        }
    }

    /// <summary>The default-domain opset the model imports.</summary>
    public static long Opset(ModelProto model) =>
        model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();

    /// <summary>Moves the model to <paramref name="opset"/> (and the IR version that carries it).</summary>
    public static void SetOpset(ModelProto model, int opset)
    {
        foreach (var import in model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx"))
        {
            import.Version = opset;
        }

        model.IrVersion = Math.Max(model.IrVersion, OnnxVersions.IrVersionFor(opset));
    }

    /// <summary>Sets (or adds) an INT attribute.</summary>
    public static void SetInt(NodeProto node, string name, long value)
    {
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute is null)
        {
            node.Attribute.Add(OnnxAttributes.Int(name, value));
        }
        else
        {
            attribute.I = value;
        }
    }

    /// <summary>
    /// The insertion sites of dropout in a feed-forward graph: the data input of every Gemm / Conv / MatMul that
    /// does not read a graph input directly (in our MLPs and the PyTorch models, exactly where their Dropout layers
    /// were; in the CNN also before the second convolution, i.e. before BatchNorm and ReLU, not only the head).
    /// </summary>
    public static List<NodeProto> DropoutSites(GraphProto graph)
    {
        var inputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return graph.Node.Where(n => n.OpType is "Gemm" or "Conv" or "MatMul" && !inputs.Contains(n.Input[0])).ToList();
    }

    public static TypeProto FloatType() => new() { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } };
}
