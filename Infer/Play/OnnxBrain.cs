using Harness.Core.Metrics;
using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;
using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>
/// The learned policy: the deciding agents' standardized observations go into one preallocated, pinned batch
/// (<see cref="OrtRunner"/> input), one ONNX Runtime call, argmax of each row's logits (ties to the lower action).
/// Holds a runner for <see cref="Capacity"/> rows; a tick with fewer deciding agents leaves the other rows stale
/// and ignores their outputs. Allocates nothing per call.
/// </summary>
public sealed class OnnxBrain : IAgentBrain, IDisposable
{
    private readonly OrtRunner _runner;
    private readonly PolicyModel _model;

    /// <summary>A brain running <paramref name="session"/> (the session stays the caller's) for up to
    /// <paramref name="capacity"/> deciding agents per call.</summary>
    public OnnxBrain(OrtSession session, PolicyModel model, int capacity, string name = "learned")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _model = model;
        _runner = PolicyModel.CreateRunner(session, capacity);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Rows of the batch.</summary>
    public int Capacity => _runner.BatchSize;

    /// <summary>Time of the last call's ORT run alone (the model evaluation), in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long LastRunTicks { get; private set; }

    /// <inheritdoc />
    public void Decide(World world, ReadOnlySpan<int> agents, Span<int> actions)
    {
        if (agents.Length > Capacity)
        {
            throw new ArgumentException($"{agents.Length} deciding agents exceed the batch of {Capacity}.", nameof(agents));
        }

        _model.Gather(world, agents, _runner.Input(0));
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        _runner.Run();
        LastRunTicks = System.Diagnostics.Stopwatch.GetTimestamp() - start;
        var logits = _runner.Output(0);
        for (var k = 0; k < agents.Length; k++)
        {
            actions[agents[k]] = ProbabilityRows.ArgMax(logits.Slice(k * AgentActions.Count, AgentActions.Count));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _runner.Dispose();
}
