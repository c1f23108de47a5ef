namespace Harness.Train.Training;

/// <summary>What one training epoch measured.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch's samples.</param>
/// <param name="Accuracy">Training accuracy in the training-mode forward passes.</param>
/// <param name="Samples">Samples processed.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochMetrics(int Epoch, double Loss, double Accuracy, int Samples, double Seconds)
{
    public double SamplesPerSecond => Samples / Math.Max(Seconds, 1e-9);
}
