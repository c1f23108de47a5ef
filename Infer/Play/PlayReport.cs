namespace Harness.Infer.Play;

/// <summary>One policy's results over the episodes of one distribution.</summary>
/// <param name="Policy">expert, random, learned, learned-mc or learned+fallback.</param>
/// <param name="EpisodeScores">Mean score over the agents, per episode (the episodes every policy plays).</param>
/// <param name="Mean">Mean of <paramref name="EpisodeScores"/>.</param>
/// <param name="Ci95">Half-width of the 95% confidence interval of the mean (Student t over episodes).</param>
/// <param name="PickupsPerAgent">Pickups per agent per episode.</param>
/// <param name="HitsPerAgent">Hazard, drone and mine hits per agent per episode.</param>
/// <param name="FallbackRate">Fraction of decisions handed to the expert (uncertainty-aware modes), else null.</param>
/// <param name="MeanMutualInformation">Mean MI (nats) of the decisions (MC modes), else null.</param>
/// <param name="MiP50">Median MI (histogram bin edge), else null.</param>
/// <param name="MiP90">90th percentile of MI, else null.</param>
/// <param name="MiP99">99th percentile of MI, else null.</param>
/// <param name="DecideMsP50">Median brain time per tick (observe, standardize, ORT run, actions), ms.</param>
/// <param name="DecideMsP99">99th percentile of the brain time per tick, ms.</param>
/// <param name="DecideMsMax">Largest brain time of a tick, ms.</param>
public sealed record PolicyResult(
    string Policy,
    double[] EpisodeScores,
    double Mean,
    double Ci95,
    double PickupsPerAgent,
    double HitsPerAgent,
    double? FallbackRate,
    double? MeanMutualInformation,
    double? MiP50,
    double? MiP90,
    double? MiP99,
    double DecideMsP50,
    double DecideMsP99,
    double DecideMsMax);

/// <summary>A paired comparison over the same episodes: mean of (A − B) per episode and its 95% CI half-width.</summary>
public sealed record PairedComparison(string A, string B, double MeanDifference, double Ci95)
{
    /// <summary>Whether the whole 95% interval lies above zero.</summary>
    public bool SignificantlyBetter => MeanDifference - Ci95 > 0;
}

/// <summary>Every policy in one condition (in distribution, or one shift).</summary>
public sealed record DistributionResult(string Name, string Knobs, IReadOnlyList<PolicyResult> Policies, IReadOnlyList<PairedComparison> Comparisons)
{
    /// <summary>The result of <paramref name="policy"/>, or null.</summary>
    public PolicyResult? Get(string policy) => Policies.FirstOrDefault(p => p.Policy == policy);
}

/// <summary>The play stage's report (play.json / play.md).</summary>
public sealed record PlayReport(
    string Model,
    string? McModel,
    string? McSkipReason,
    int Agents,
    int Episodes,
    int EpisodeTicks,
    int DecisionPeriod,
    double MiThreshold,
    int MiPasses,
    string ActionSelection,
    long Seed,
    IReadOnlyList<DistributionResult> Distributions,
    IReadOnlyList<string> Replays)
{
    /// <summary>The acceptance target: learned score at least this fraction of the expert's, in distribution.</summary>
    public const double TargetRatio = 0.9;

    /// <summary>learned mean / expert mean in distribution (NaN when the expert's mean is not positive).</summary>
    public double LearnedToExpertRatio
    {
        get
        {
            var d = Distributions[0];
            var expert = d.Get(PlayRunner.Expert)!.Mean;
            return expert > 0 ? d.Get(PlayRunner.Learned)!.Mean / expert : double.NaN;
        }
    }
}
