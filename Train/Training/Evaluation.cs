namespace Harness.Train.Training;

/// <summary>Eval-mode predictions over a dataset: logits (N × classes, row-major), loss and accuracy.</summary>
public sealed record Evaluation(float[] Logits, int Classes, double Loss, double Accuracy)
{
    public int Count => Logits.Length / Classes;
}
