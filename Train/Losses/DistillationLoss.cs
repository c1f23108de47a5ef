using Harness.Train.Torch;

namespace Harness.Train.Losses;

/// <summary>
/// Knowledge distillation (Hinton et al. 2015): loss = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(s, y),
/// with the KL divergence summed over classes and averaged over the batch (PyTorch's
/// <c>F.kl_div(log_softmax(s/T), softmax(t/T), reduction='batchmean')</c>). The T² factor keeps the soft
/// term's gradient scale independent of T. Teacher logits are detached.
/// </summary>
public sealed class DistillationLoss
{
    public DistillationLoss(double temperature, double alpha)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), $"Distillation temperature = {temperature}: must be a positive number.");
        }

        if (alpha is < 0 or > 1 || double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"Distillation alpha = {alpha}: must be between 0 and 1.");
        }

        Temperature = temperature;
        Alpha = alpha;
    }

    public double Temperature { get; }

    public double Alpha { get; }

    /// <param name="student">[N, K] student logits.</param>
    /// <param name="teacher">[N, K] teacher logits.</param>
    /// <param name="target">[N] int64 labels, or [N, K] float soft targets (mixup), for the hard term.</param>
    public Tensor Compute(Tensor student, Tensor teacher, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(target);
        if (!student.Shape.SequenceEqual(teacher.Shape) || student.Dim != 2)
        {
            throw new ArgumentException(
                $"Student and teacher logits must both be [N, K]; got [{string.Join(", ", student.Shape)}] and " +
                $"[{string.Join(", ", teacher.Shape)}].", nameof(teacher));
        }

        var n = student.Shape[0];
        using var fixedTeacher = teacher.Detach();
        using var studentScaled = student / Temperature;
        using var teacherScaled = fixedTeacher / Temperature;
        using var logStudent = Functional.LogSoftmax(studentScaled, 1);
        using var logTeacher = Functional.LogSoftmax(teacherScaled, 1);
        using var teacherProbabilities = logTeacher.Exp();
        using var logRatio = logTeacher - logStudent;
        using var pointwise = teacherProbabilities * logRatio;
        using var klSum = pointwise.Sum();
        using var soft = klSum * (Alpha * Temperature * Temperature / n);
        using var hard = target.Dim == 1
            ? Functional.CrossEntropy(student, target)
            : SoftTargetCrossEntropy.Compute(student, target);
        using var hardWeighted = hard * (1 - Alpha);
        return soft + hardWeighted;
    }
}
