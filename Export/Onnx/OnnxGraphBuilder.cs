using Harness.Export.Onnx.Proto;
using DataType = Harness.Export.Onnx.Proto.TensorProto.Types.DataType;

namespace Harness.Export.Onnx;

/// <summary>
/// Builds an ONNX <see cref="GraphProto"/> step by step: typed inputs (with symbolic dimensions such as
/// <c>"batch"</c>), initializers, nodes and outputs. Value and node names are checked for uniqueness and
/// generated when not given; the element type and shape of every value are tracked where they can be derived,
/// so the op helpers (other files of this class) reject mismatched arguments with an
/// <see cref="ArgumentException"/> before anything is added.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly Dictionary<string, TrackedValue> _values = new(StringComparer.Ordinal);
    private readonly UniqueNames _valueNames = new();
    private readonly UniqueNames _nodeNames = new();

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The graph name (required by ONNX).</param>
    /// <param name="docString">Optional human-readable description of the graph.</param>
    /// <param name="opset">The ai.onnx opset the nodes follow (the model must import the same): helpers whose
    /// operator form changed across opsets (ReduceMean's axes) write the form of this opset, and helpers of
    /// operators newer than it (LayerNormalization, RMSNormalization) refuse.</param>
    /// <exception cref="ArgumentOutOfRangeException">The opset is outside [<see cref="OnnxVersions.MinOpset"/>,
    /// <see cref="OnnxVersions.MaxOpset"/>].</exception>
    public OnnxGraphBuilder(string name, string? docString = null, int opset = OnnxVersions.DefaultOpset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (opset is < OnnxVersions.MinOpset or > OnnxVersions.MaxOpset)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset,
                $"Supported ai.onnx opsets are {OnnxVersions.MinOpset} to {OnnxVersions.MaxOpset}.");
        }

        Opset = opset;
        _graph = new GraphProto { Name = name };
        if (docString is not null)
        {
            _graph.DocString = docString;
        }
    }

    /// <summary>The graph name.</summary>
    public string Name => _graph.Name;

    /// <summary>The ai.onnx opset the nodes follow.</summary>
    public int Opset { get; }

    /// <summary>Adds a graph input of the given element type (FLOAT by default) and shape.</summary>
    /// <returns>The input name, for use as a node input.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public string AddInput(string name, IReadOnlyList<OnnxDim> shape, DataType elemType = DataType.Float)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _valueNames.Claim(name, "value");
        var dims = shape.ToArray();
        _graph.Input.Add(ValueInfo(name, elemType, dims));
        _values[name] = new TrackedValue(elemType, dims);
        return name;
    }

    /// <summary>
    /// Declares an existing value as a graph output. The element type and shape default to the tracked ones;
    /// explicit arguments override them. When no shape is known, the output is declared without one.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not exist, is already an output, or its element
    /// type is unknown and not given.</exception>
    public void AddOutput(string value, IReadOnlyList<OnnxDim>? shape = null, DataType? elemType = null)
    {
        var tracked = Lookup(value, nameof(value));
        if (_graph.Output.Any(o => o.Name == value))
        {
            throw new ArgumentException($"'{value}' is already a graph output.", nameof(value));
        }

        var type = elemType ?? tracked.ElemType ?? throw new ArgumentException(
            $"The element type of '{value}' is not known; pass it explicitly.", nameof(elemType));
        _graph.Output.Add(ValueInfo(value, type, shape?.ToArray() ?? tracked.Shape));
    }

    /// <summary>Adds a FLOAT initializer (constant tensor) of the given shape, stored as little-endian raw data.</summary>
    /// <returns>The initializer name.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the data does not fill the shape.</exception>
    public string AddInitializer(string name, ReadOnlySpan<float> data, IReadOnlyList<long> shape) =>
        AddInitializer(OnnxTensors.Float(name, data, shape));

    /// <summary>Adds an INT64 initializer of the given shape (shapes for Reshape, axes...).</summary>
    /// <returns>The initializer name.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the data does not fill the shape.</exception>
    public string AddInt64Initializer(string name, ReadOnlySpan<long> data, IReadOnlyList<long> shape) =>
        AddInitializer(OnnxTensors.Int64(name, data, shape));

    /// <summary>Adds a BOOL initializer of the given shape (for example Dropout's training_mode scalar).</summary>
    /// <returns>The initializer name.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the data does not fill the shape.</exception>
    public string AddBoolInitializer(string name, ReadOnlySpan<bool> data, IReadOnlyList<long> shape) =>
        AddInitializer(OnnxTensors.Bool(name, data, shape));

    /// <summary>Adds a ready-made initializer; its name must be unused.</summary>
    /// <returns>The initializer name.</returns>
    public string AddInitializer(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        _valueNames.Claim(tensor.Name, "value");
        _graph.Initializer.Add(tensor);
        _values[tensor.Name] = new TrackedValue(
            (DataType)tensor.DataType, tensor.Dims.Select(d => OnnxDim.Fixed(d)).ToArray());
        return tensor.Name;
    }

    /// <summary>
    /// Adds a node of any operator. Inputs must be existing values (or "" for an omitted optional input);
    /// outputs must be new names (or "" for an omitted optional output). Output types and shapes are unknown
    /// to the builder: pass them to <see cref="AddOutput"/> when such a value becomes a graph output.
    /// </summary>
    /// <param name="opType">Operator name, for example <c>"Gemm"</c>.</param>
    /// <param name="inputs">Input value names, in the operator's order.</param>
    /// <param name="outputs">Output value names, in the operator's order.</param>
    /// <param name="attributes">Attributes built with <see cref="OnnxAttributes"/>.</param>
    /// <param name="name">Node name; a unique one derived from <paramref name="opType"/> when null.</param>
    /// <param name="domain">Operator domain; "" is the default ai.onnx domain.</param>
    /// <returns>The node name.</returns>
    public string AddNode(
        string opType,
        IReadOnlyList<string> inputs,
        IReadOnlyList<string> outputs,
        IEnumerable<AttributeProto>? attributes = null,
        string? name = null,
        string domain = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(domain);
        foreach (var input in inputs.Where(i => i.Length > 0))
        {
            Lookup(input, nameof(inputs));
        }

        var named = outputs.Where(o => o.Length > 0).ToArray();
        foreach (var output in named)
        {
            _valueNames.EnsureFree(output, "value");
        }

        if (named.Distinct(StringComparer.Ordinal).Count() != named.Length)
        {
            throw new ArgumentException($"Node '{opType}' lists an output name twice.", nameof(outputs));
        }

        var nodeName = NodeName(name, opType);
        var node = new NodeProto { OpType = opType, Name = nodeName, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        if (attributes is not null)
        {
            node.Attribute.AddRange(attributes);
        }

        foreach (var output in named)
        {
            _valueNames.Claim(output, "value");
            _values[output] = TrackedValue.Unknown;
        }

        _graph.Node.Add(node);
        return nodeName;
    }

    /// <summary>A value name not used yet: <paramref name="hint"/> itself, else <c>hint_1</c>, <c>hint_2</c>...
    /// The name is not reserved until a value takes it.</summary>
    public string UniqueValueName(string hint) => _valueNames.Suggest(hint);

    /// <summary>True when a value (input, initializer or node output) of this name exists.</summary>
    public bool Contains(string value) => _values.ContainsKey(value);

    /// <summary>The tracked shape of a value, or null when it is unknown.</summary>
    /// <exception cref="ArgumentException">No value of this name exists.</exception>
    public IReadOnlyList<OnnxDim>? ShapeOf(string value) => Lookup(value, nameof(value)).Shape;

    /// <summary>A copy of the graph built so far.</summary>
    /// <exception cref="InvalidOperationException">The graph has no output yet.</exception>
    public GraphProto Build()
    {
        if (_graph.Output.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{Name}' has no output; call AddOutput first.");
        }

        return _graph.Clone();
    }

    private TrackedValue Lookup(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return _values.TryGetValue(value, out var tracked)
            ? tracked
            : throw new ArgumentException($"Graph '{Name}' has no value named '{value}'.", paramName);
    }

    private string NodeName(string? requested, string opType)
    {
        if (requested is null)
        {
            return _nodeNames.Claim(_nodeNames.Suggest(opType), "node");
        }

        return _nodeNames.Claim(requested, "node");
    }

    private static ValueInfoProto ValueInfo(string name, DataType elemType, OnnxDim[]? shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)elemType };
        if (shape is not null)
        {
            tensorType.Shape = new TensorShapeProto();
            tensorType.Shape.Dim.AddRange(shape.Select(ToProto));
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private static TensorShapeProto.Types.Dimension ToProto(OnnxDim dim)
    {
        var proto = new TensorShapeProto.Types.Dimension();
        if (dim.Value is { } value)
        {
            proto.DimValue = value;
        }
        else if (dim.Symbol is { } symbol)
        {
            proto.DimParam = symbol;
        }

        return proto;
    }
}
