using Harness.Core.Configuration;

namespace Harness.Train.Configuration;

/// <summary>
/// Section <c>Distillation</c>: knowledge distillation from a teacher checkpoint (Teacher empty = off).
/// Loss = Alpha·T²·KL(teacher ‖ student at temperature T) + (1 − Alpha)·CE(student, labels).
/// </summary>
public sealed class DistillationOptions : IValidatedOptions
{
    /// <summary>Path of the teacher's checkpoint (safetensors); empty disables distillation.</summary>
    public string Teacher { get; set; } = "";

    /// <summary>Softmax temperature T.</summary>
    public double Temperature { get; set; } = 4.0;

    /// <summary>Weight of the soft (teacher) term.</summary>
    public double Alpha { get; set; } = 0.5;

    /// <summary>Self-distillation: the teacher has the student's own architecture (born-again networks).</summary>
    public bool Self { get; set; }

    /// <summary>True when a teacher is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Teacher);

    public IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Check.Range(nameof(Temperature), Temperature, 0.01, 100));
        errors.AddRange(Check.Range(nameof(Alpha), Alpha, 0, 1));
        if (Teacher.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{nameof(Teacher)} = '{Teacher}': not a valid path");
        }

        if (Self && !Enabled)
        {
            errors.Add($"{nameof(Self)} = true: needs {nameof(Teacher)} (the checkpoint of the earlier generation), which is empty");
        }

        return errors;
    }
}
