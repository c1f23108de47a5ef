using Harness.Core;
using Harness.Core.Configuration;
using Harness.Train.Configuration;
using Microsoft.Extensions.Configuration;

namespace Harness.Train.Training;

/// <summary>
/// Where a distillation teacher comes from: <c>Distillation:Teacher</c> names a run folder (its model.safetensors
/// and config.json are used) or a checkpoint file (its architecture is read from the config.json beside it).
/// With <c>Distillation:Self</c> the teacher has the student's architecture.
/// </summary>
public sealed record TeacherSource(string Checkpoint, ModelOptions Model)
{
    public static TeacherSource Resolve(DistillationOptions distillation, ModelOptions student)
    {
        var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, distillation.Teacher));
        var checkpoint = Directory.Exists(path) ? Path.Combine(path, RunArtifacts.Model) : path;
        if (!File.Exists(checkpoint))
        {
            throw new UsageException($"Distillation:Teacher = '{distillation.Teacher}': no checkpoint at {checkpoint}.");
        }

        if (distillation.Self)
        {
            return new TeacherSource(checkpoint, student);
        }

        var config = Path.Combine(Path.GetDirectoryName(checkpoint)!, "config.json");
        if (!File.Exists(config))
        {
            throw new UsageException(
                $"Distillation:Teacher = '{distillation.Teacher}': {config} is missing, so the teacher's architecture is unknown " +
                "(set Distillation:Self = true when it has the student's architecture).");
        }

        var binder = new OptionsBinder(new ConfigurationBuilder().AddJsonFile(config).Build());
        var model = binder.Bind<ModelOptions>("Model");
        binder.ThrowIfInvalid();
        return new TeacherSource(checkpoint, model);
    }
}
