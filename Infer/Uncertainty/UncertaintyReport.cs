using Harness.Core.Metrics;

namespace Harness.Infer.Uncertainty;

/// <summary>Everything <see cref="UncertaintyEvaluator"/> measured; written by <see cref="UncertaintyReportWriter"/>.</summary>
/// <param name="ModelPath">The deployment (deterministic) model.</param>
/// <param name="McModelPath">The MC-dropout model.</param>
/// <param name="Samples">Test images evaluated.</param>
/// <param name="Passes">T, MC passes per image.</param>
/// <param name="MaxRowsPerCall">Row cap per ORT call of the tiled runs.</param>
/// <param name="Seed">Seed of the subset and the shifts.</param>
/// <param name="NormalizationSource">Where the input normalization came from.</param>
/// <param name="Deterministic">The deployment model on the clean test images.</param>
/// <param name="Mc">MC dropout (mean of T softmaxes) on the same images.</param>
/// <param name="Shifts">One entry per distribution shift.</param>
/// <param name="Timing">Latency and throughput, or null when timing was switched off.</param>
public sealed record UncertaintyReport(
    string ModelPath,
    string McModelPath,
    int Samples,
    int Passes,
    int MaxRowsPerCall,
    long Seed,
    string NormalizationSource,
    PredictionSummary Deterministic,
    PredictionSummary Mc,
    IReadOnlyList<ShiftReport> Shifts,
    TimingReport? Timing);

/// <summary>Accuracy, proper scoring rules, calibration and selective risk of one model on one image set.</summary>
/// <param name="Model">"deterministic" or "mc".</param>
/// <param name="Accuracy">Top-1 accuracy.</param>
/// <param name="Nll">Mean NLL (nats); MC NLL = −logsumexpₜ ln pₜ(y) + ln T for MC.</param>
/// <param name="Brier">Brier score (sum over classes, mean over samples).</param>
/// <param name="Ece">ECE, 15 equal-width bins.</param>
/// <param name="AdaptiveEce">ECE, 15 equal-mass bins.</param>
/// <param name="Aurc">Area under the risk–coverage curve (confidence = max probability).</param>
/// <param name="ExcessAurc">AURC minus the oracle's.</param>
/// <param name="MeanPredictiveEntropy">Mean H[p̄] (nats).</param>
/// <param name="MeanMutualInformation">Mean mutual information (0 for the deterministic model).</param>
/// <param name="MeanVariationRatio">Mean variation ratio (0 for the deterministic model).</param>
/// <param name="Reliability">Reliability-diagram bins (15, equal width).</param>
/// <param name="SelectiveAccuracy">Accuracy on the most confident fraction, 5 % … 100 %.</param>
public sealed record PredictionSummary(
    string Model,
    double Accuracy,
    double Nll,
    double Brier,
    double Ece,
    double AdaptiveEce,
    double Aurc,
    double ExcessAurc,
    double MeanPredictiveEntropy,
    double MeanMutualInformation,
    double MeanVariationRatio,
    IReadOnlyList<ReliabilityBin> Reliability,
    IReadOnlyList<SelectivePoint> SelectiveAccuracy);

/// <summary>OOD detection of one shift by one model and score (OOD = positive, larger score = more OOD).</summary>
public sealed record OodResult(string Model, OodScore Score, double Auroc, double AuprOut, double AuprIn, double FprAt95Tpr)
{
    /// <summary>A row from the metrics of <see cref="OodDetection.Evaluate"/>.</summary>
    public static OodResult From(string model, OodScore score, OodMetrics m) =>
        new(model, score, m.Auroc, m.AuprOut, m.AuprIn, m.FprAt95Tpr);
}

/// <summary>One distribution shift: how the models fare on it and how well they notice it.</summary>
/// <param name="Shift">The shift spec (for example <c>rotate:60:90</c>).</param>
/// <param name="Description">The shift in words.</param>
/// <param name="Deterministic">The deployment model on the shifted images.</param>
/// <param name="Mc">MC dropout on the shifted images.</param>
/// <param name="Ood">Clean (in) vs shifted (out) separation for each model and score.</param>
/// <param name="MutualInformation">MC mutual information, clean vs shifted.</param>
/// <param name="PredictiveEntropy">MC predictive entropy, clean vs shifted.</param>
public sealed record ShiftReport(
    string Shift,
    string Description,
    PredictionSummary Deterministic,
    PredictionSummary Mc,
    IReadOnlyList<OodResult> Ood,
    HistogramPair MutualInformation,
    HistogramPair PredictiveEntropy);

/// <summary>
/// Time per example. Batch 1 is the game-style case (one decision at a time): deterministic = one call of one row;
/// MC tiled = one call of T rows; MC loop = T calls of one row. Bulk = the whole evaluation set in chunks.
/// </summary>
/// <param name="Batch1Examples">Examples timed one at a time.</param>
/// <param name="DeterministicMs">Batch 1, deterministic model, ms per example.</param>
/// <param name="McTiledMs">Batch 1, MC model, T passes tiled into one call, ms per example.</param>
/// <param name="McLoopMs">Batch 1, MC model, T separate calls, ms per example.</param>
/// <param name="BulkDeterministicMs">Whole set, deterministic model, ms per example.</param>
/// <param name="BulkMcTiledMs">Whole set, MC model tiled (T passes), ms per example.</param>
public sealed record TimingReport(
    int Batch1Examples,
    double DeterministicMs,
    double McTiledMs,
    double McLoopMs,
    double BulkDeterministicMs,
    double BulkMcTiledMs)
{
    /// <summary>How many times faster tiling is than T separate calls at batch 1.</summary>
    public double TiledSpeedupOverLoop => McLoopMs / McTiledMs;

    /// <summary>Cost of tiled MC relative to one deterministic pass at batch 1.</summary>
    public double McTiledOverDeterministic => McTiledMs / DeterministicMs;
}
