using Harness.Core.Metrics;
using Harness.Infer.Ort;
using Harness.Infer.Uncertainty;
using Harness.Sim;

namespace Harness.Infer.Play;

/// <summary>
/// The uncertainty-aware policy: the MC-dropout graph runs T passes of every deciding agent in ONE ORT call (the
/// batch holds T tiles of the agents' rows, pass-major: row j·capacity + k is pass j of agent k), then per agent the
/// mutual information of the T softmaxes decides: above <see cref="Threshold"/> the agent falls back to the expert
/// (<see cref="ExpertBrain"/>), otherwise it takes the argmax of the mean probabilities. With an infinite threshold it
/// is the plain MC-mean policy. Allocates nothing per call. Counts decisions and fallbacks and keeps a histogram of
/// the mutual information.
/// </summary>
public sealed class McFallbackBrain : IAgentBrain, IDisposable
{
    /// <summary>Bins of <see cref="MiHistogram"/>, evenly spaced over [0, ln K].</summary>
    public const int HistogramBins = 400;

    private readonly OrtRunner _runner;
    private readonly PolicyModel _model;
    private readonly ExpertBrain _expert = new();
    private readonly double[] _mean = new double[AgentActions.Count];
    private readonly double[] _scratch = new double[AgentActions.Count];
    private readonly long[] _histogram = new long[HistogramBins];
    private readonly double[] _lastMi;
    private readonly bool[] _lastFallback;
    private int _lastCount;

    /// <summary>
    /// A brain over the MC graph <paramref name="mcSession"/> (the session stays the caller's) for up to
    /// <paramref name="capacity"/> deciding agents, <paramref name="passes"/> passes each.
    /// </summary>
    public McFallbackBrain(OrtSession mcSession, PolicyModel model, int capacity, int passes, double threshold, string name = "learned+fallback")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        if (double.IsNaN(threshold) || threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a non-negative number (or +∞).");
        }

        _model = model;
        Capacity = capacity;
        Passes = passes;
        Threshold = threshold;
        Name = name;
        _runner = PolicyModel.CreateRunner(mcSession, checked(capacity * passes));
        _lastMi = new double[capacity];
        _lastFallback = new bool[capacity];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Deciding agents per call at most.</summary>
    public int Capacity { get; }

    /// <summary>T.</summary>
    public int Passes { get; }

    /// <summary>Mutual information (nats) above which the expert decides.</summary>
    public double Threshold { get; }

    /// <summary>Decisions made so far.</summary>
    public long Decisions { get; private set; }

    /// <summary>Decisions handed to the expert so far.</summary>
    public long Fallbacks { get; private set; }

    /// <summary>Sum of the mutual information of every decision (for the mean).</summary>
    public double MiSum { get; private set; }

    /// <summary>Counts of decisions per mutual-information bin (<see cref="HistogramBins"/> bins over [0, ln K]; the
    /// last bin also takes values at ln K).</summary>
    public ReadOnlySpan<long> MiHistogram => _histogram;

    /// <summary>The mutual information of each deciding agent of the last call (in the order of its agents).</summary>
    public ReadOnlySpan<double> LastMutualInformation => _lastMi.AsSpan(0, _lastCount);

    /// <summary>Whether each deciding agent of the last call fell back to the expert.</summary>
    public ReadOnlySpan<bool> LastFallback => _lastFallback.AsSpan(0, _lastCount);

    /// <summary>Forgets the counters and the histogram.</summary>
    public void ResetCounters()
    {
        Decisions = Fallbacks = 0;
        MiSum = 0;
        _histogram.AsSpan().Clear();
    }

    /// <inheritdoc />
    public void Decide(World world, ReadOnlySpan<int> agents, Span<int> actions)
    {
        if (agents.Length > Capacity)
        {
            throw new ArgumentException($"{agents.Length} deciding agents exceed the batch of {Capacity}.", nameof(agents));
        }

        const int f = Observation.Size;
        const int k = AgentActions.Count;
        var input = _runner.Input(0);
        _model.Gather(world, agents, input);
        var first = input[..(agents.Length * f)];
        for (var j = 1; j < Passes; j++)
        {
            first.CopyTo(input.Slice(j * Capacity * f));
        }

        _runner.Run();
        var logits = _runner.Output(0);
        var binScale = HistogramBins / Math.Log(k);
        for (var a = 0; a < agents.Length; a++)
        {
            var mi = PassStatistics.MutualInformation(logits, a, Capacity, Passes, k, _mean, _scratch);
            var fallback = mi > Threshold;
            _lastMi[a] = mi;
            _lastFallback[a] = fallback;
            MiSum += mi;
            _histogram[Math.Min((int)(mi * binScale), HistogramBins - 1)]++;
            if (fallback)
            {
                Fallbacks++;
                actions[agents[a]] = _expert.Decide(world, agents[a]);
            }
            else
            {
                actions[agents[a]] = ProbabilityRows.ArgMax<double>(_mean);
            }
        }

        Decisions += agents.Length;
        _lastCount = agents.Length;
    }

    /// <summary>The q-quantile (0…1) of the mutual information of the decisions so far, from the histogram (bin upper edge).</summary>
    public double MiQuantile(double q)
    {
        var total = _histogram.Sum();
        if (total == 0)
        {
            return double.NaN;
        }

        var target = Math.Ceiling(q * total);
        long seen = 0;
        for (var b = 0; b < HistogramBins; b++)
        {
            seen += _histogram[b];
            if (seen >= target && seen > 0)
            {
                return (b + 1) * Math.Log(AgentActions.Count) / HistogramBins;
            }
        }

        return Math.Log(AgentActions.Count);
    }

    /// <inheritdoc />
    public void Dispose() => _runner.Dispose();
}
