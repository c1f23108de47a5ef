namespace Harness.Train.Training;

/// <summary>Eval-mode predictions over a dataset: logits (N × classes, row-major), NLL, accuracy and ECE-15.</summary>
public sealed record Evaluation(float[] Logits, int Classes, double Loss, double Accuracy, double Ece)
{
    public int Count => Logits.Length / Classes;

    public static readonly Evaluation Empty = new([], 1, double.NaN, double.NaN, double.NaN);
}
