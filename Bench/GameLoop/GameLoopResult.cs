namespace Harness.Bench.GameLoop;

/// <summary>One agent count's numbers. Times in milliseconds.</summary>
/// <param name="Agents">N.</param>
/// <param name="Ticks">Measured throttled ticks.</param>
/// <param name="InferenceP50">Median inference time per tick: the one ORT run over all agents.</param>
/// <param name="InferenceP99">99th percentile of the inference time per tick.</param>
/// <param name="InferenceP999">99.9th percentile.</param>
/// <param name="InferenceMax">Largest.</param>
/// <param name="DecideP50">Median decision time per tick: observe every agent into the pinned batch, standardize, the ORT run, argmax.</param>
/// <param name="DecideP99">99th percentile of the decision time.</param>
/// <param name="TickP99">99th percentile of the whole tick's work (inference + World.Step).</param>
/// <param name="TickMax">Largest whole-tick work.</param>
/// <param name="TicksOverBudget">Ticks whose work took longer than the tick budget (1/Hz).</param>
/// <param name="LateTicks">Ticks that started more than one budget after their deadline (the loop fell behind).</param>
/// <param name="Gen0">GC.CollectionCount(0) delta over the measured ticks.</param>
/// <param name="Gen1">GC.CollectionCount(1) delta.</param>
/// <param name="Gen2">GC.CollectionCount(2) delta.</param>
/// <param name="BytesPerTick">GC.GetAllocatedBytesForCurrentThread delta / measured ticks.</param>
/// <param name="UnthrottledTicksPerSecond">Ticks per second with no waiting between ticks.</param>
/// <param name="Seconds">Wall time of the throttled phase.</param>
public sealed record GameLoopResult(
    int Agents,
    int Ticks,
    double InferenceP50,
    double InferenceP99,
    double InferenceP999,
    double InferenceMax,
    double DecideP50,
    double DecideP99,
    double TickP99,
    double TickMax,
    int TicksOverBudget,
    int LateTicks,
    int Gen0,
    int Gen1,
    int Gen2,
    double BytesPerTick,
    double UnthrottledTicksPerSecond,
    double Seconds);
