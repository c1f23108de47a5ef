using Harness.Export.Onnx.Proto;

namespace Harness.Export.Onnx;

/// <summary>The steps every op helper shares: reserve names, add parameters, add the node.</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Reserves the node name and the requested output names (<paramref name="output"/>, generated when null;
    /// <paramref name="secondOutput"/> only when given). Call only after all argument checks passed: from here
    /// on the helper must not fail, so a rejected call leaves the graph unchanged.
    /// </summary>
    private NodeSlot StartNode(string opType, string? name, string? output, string? secondOutput = null)
    {
        foreach (var requested in new[] { output, secondOutput }.OfType<string>())
        {
            _valueNames.EnsureFree(requested, "value");
        }

        ArgumentChecks.That(output is null || output != secondOutput, nameof(output),
            $"{opType}: two outputs cannot both be named '{output}'.");
        var nodeName = NodeName(name, opType);
        if (secondOutput is not null)
        {
            _valueNames.Claim(secondOutput, "value");
        }

        var outputName = _valueNames.Claim(output ?? _valueNames.Suggest($"{nodeName}_output"), "value");
        return new NodeSlot(opType, nodeName, outputName);
    }

    /// <summary>Adds a FLOAT parameter of the node, named <c>node.role</c>.</summary>
    private string Parameter(NodeSlot slot, string role, ReadOnlySpan<float> data, IReadOnlyList<long> shape) =>
        AddInitializer(_valueNames.Suggest($"{slot.NodeName}.{role}"), data, shape);

    /// <summary>Adds the node with one FLOAT output of the given shape; returns the output name.</summary>
    private string FinishNode(
        NodeSlot slot, IReadOnlyList<string> inputs, OnnxDim[]? shape, params IEnumerable<AttributeProto> attributes)
    {
        FinishNodeWithOutputs(slot, inputs, [(slot.Output, TrackedValue.Float(shape))], attributes);
        return slot.Output;
    }

    /// <summary>Adds the node with the given outputs (first one is the slot's); their names are already
    /// reserved.</summary>
    private void FinishNodeWithOutputs(
        NodeSlot slot,
        IReadOnlyList<string> inputs,
        IReadOnlyList<(string Name, TrackedValue Value)> outputs,
        IEnumerable<AttributeProto> attributes)
    {
        var node = new NodeProto { OpType = slot.OpType, Name = slot.NodeName, Domain = "" };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        foreach (var (outputName, value) in outputs)
        {
            _values[outputName] = value;
            node.Output.Add(outputName);
        }

        _graph.Node.Add(node);
    }

    /// <summary>A node being added: its operator, its reserved name and its (first) output name.</summary>
    private readonly record struct NodeSlot(string OpType, string NodeName, string Output);
}
