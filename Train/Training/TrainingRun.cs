using System.Diagnostics;
using Harness.Core;
using Harness.Core.Console;
using Harness.Train.Checkpoints;
using Harness.Train.Configuration;
using Harness.Train.Data;
using Harness.Train.Data.Augmentation;
using Harness.Train.Losses;
using Harness.Train.Mixing;
using Harness.Train.Models;
using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Regularization;
using Harness.Train.Schedules;
using Harness.Train.Torch;

namespace Harness.Train.Training;

/// <summary>
/// Everything one training run is made of — model, optimizer and schedule, regularizers, augmentation, mixing,
/// EMA, teacher — built from <see cref="TrainingSettings"/>, and the epoch that puts them together:
/// augment (background threads) → mix → forward (weight noise) → loss (label smoothing, soft targets, distillation,
/// penalties) → backward → gradient noise → clipping → learning rate → step → max-norm → EMA.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly TrainingSettings _settings;
    private readonly AugmentationPipeline? _augmentation;
    private readonly BatchBufferPool _pool;
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly IReadOnlyList<Tensor> _decayed;
    private readonly IReadOnlyList<Tensor> _constrained;
    private readonly IParameterPenalty? _penalty;
    private readonly MaxNormConstraint? _maxNorm;
    private readonly GradientNoise? _gradientNoise;
    private readonly WeightNoise? _weightNoise;
    private readonly DistillationLoss? _distillation;
    private readonly Module? _teacher;
    private readonly Module? _evalCopy;
    private double _lastGradNorm;

    public TrainingRun(TrainingSettings settings, DataSplits splits, TextWriter log)
    {
        _settings = settings;
        Splits = splits;
        Device = ResolveDevice(settings.Train.Device);
        Torch.Torch.Threads = settings.Train.Threads > 0 ? settings.Train.Threads : Environment.ProcessorCount;
        Torch.Torch.ManualSeed(SeedStreams.Torch(settings.Run.Seed, 0));
        var built = Build(settings.Model, splits);
        Model = built.Module;
        SampleShape = built.InputShape;
        Model.To(Device);
        (Optimizer, var split) = OptimizerFactory.Create(settings.Optimizer, Model);
        _parameters = Model.Parameters().ToList();
        var named = Model.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor);
        _decayed = split.Decayed.Select(n => named[n]).ToList();
        _constrained = Model.NamedParameters().Where(p => p.Tensor.Dim >= 2).Select(p => p.Tensor).ToList();
        StepsPerEpoch = new BatchSampler(splits.Train.Count, settings.Train.BatchSize, settings.Run.Seed, 1).BatchCount;
        Schedule = ScheduleFactory.Create(settings.Schedule, settings.Optimizer.LearningRate, StepsPerEpoch,
            (long)StepsPerEpoch * settings.Train.Epochs);

        var reg = settings.Regularization;
        _penalty = (reg.L1 > 0, reg.L2 > 0) switch
        {
            (true, true) => new ElasticNetPenalty(reg.L1, reg.L2),
            (true, false) => new L1Penalty(reg.L1),
            (false, true) => new L2Penalty(reg.L2),
            _ => null,
        };
        _maxNorm = reg.MaxNorm > 0 ? new MaxNormConstraint(reg.MaxNorm) : null;
        _gradientNoise = reg.GradientNoise > 0 ? new GradientNoise(reg.GradientNoise, reg.GradientNoiseGamma) : null;
        _weightNoise = reg.WeightNoise > 0 ? new WeightNoise(reg.WeightNoise) : null;
        if (reg.EmaDecay > 0)
        {
            Ema = new ModelEma(Model, reg.EmaDecay, reg.EmaWarmup);
            _evalCopy = Build(settings.Model, splits).Module;
            _evalCopy.To(Device);
        }

        if (settings.Distillation.Enabled)
        {
            _teacher = LoadTeacher(settings, splits, Device);
            _distillation = new DistillationLoss(settings.Distillation.Temperature, settings.Distillation.Alpha);
        }

        var images = splits.Train as ImageDataset;
        if (images is null && (settings.Augment.Enabled || settings.Mix.Enabled))
        {
            // TrainingSettings.Bind reports this with the keys; this guards runs built from hand-made settings.
            throw new UsageException(
                $"The training data are feature rows [{string.Join(", ", splits.Train.SampleDimensions)}]: augmentation " +
                "(Augment:Enabled) and mixing (Mix:MixupAlpha, Mix:CutmixAlpha) need images; turn them off.");
        }

        _augmentation = images is null ? null : AugmentationPipeline.Create(settings.Augment, images.Shape, splits.DefaultFlip);
        _pool = new BatchBufferPool(settings.Train.BatchSize, splits.Train.SampleSize);

        log.WriteLine($"model: {settings.Model.Kind}, {Model.ParameterCount:N0} parameters, input [{string.Join(", ", SampleShape)}], on {Device}");
        log.WriteLine($"optimizer: {settings.Optimizer.Kind}, lr {settings.Optimizer.LearningRate}, schedule {settings.Schedule.Kind}; " +
                      $"weight decay {settings.Optimizer.WeightDecay} on {split.Decayed.Count} tensors ({string.Join(", ", split.Decayed)}); " +
                      $"not decayed: {string.Join(", ", split.NotDecayed)}");
        log.WriteLine($"augmentation: {(_augmentation is null ? "off" : Describe(settings.Augment, splits.DefaultFlip))}; " +
                      $"mix: {(settings.Mix.Enabled ? $"mixup α {settings.Mix.MixupAlpha}, cutmix α {settings.Mix.CutmixAlpha}, p {settings.Mix.Prob}" : "off")}; " +
                      $"label smoothing {reg.LabelSmoothing}; EMA {(Ema is null ? "off" : reg.EmaDecay.ToString(System.Globalization.CultureInfo.InvariantCulture))}; " +
                      $"teacher {(settings.Distillation.Enabled ? settings.Distillation.Teacher : "none")}");
    }

    public DataSplits Splits { get; }

    public Device Device { get; }

    /// <summary>The network being trained.</summary>
    public Module Model { get; }

    /// <summary>Shape of one sample as the model takes it ([C·H·W] or [F] for the MLP, [C, H, W] for conv nets).</summary>
    public long[] SampleShape { get; }

    public Optimizer Optimizer { get; }

    public ILearningRateSchedule Schedule { get; }

    public ModelEma? Ema { get; }

    public int StepsPerEpoch { get; }

    /// <summary>The weights to evaluate and deploy: the EMA average when EMA is on, else the model itself.</summary>
    public Module EvaluationModel
    {
        get
        {
            if (Ema is null)
            {
                return Model;
            }

            Ema.CopyTo(_evalCopy!);
            return _evalCopy!;
        }
    }

    /// <summary>Trains one epoch; throws <see cref="OperationCanceledException"/> when cancelled mid-epoch.</summary>
    public EpochMetrics TrainEpoch(int epoch, CancellationToken cancellation)
    {
        var seed = _settings.Run.Seed;
        Torch.Torch.ManualSeed(SeedStreams.Torch(seed, epoch));
        var mix = _settings.Mix.Enabled
            ? new MixupCutmix(_settings.Mix.MixupAlpha, _settings.Mix.CutmixAlpha, _settings.Mix.SwitchProb, _settings.Mix.Prob,
                Splits.Train.Classes, _settings.Regularization.LabelSmoothing, SeedStreams.Mix(seed, epoch))
            : null;
        var shape = (Splits.Train as ImageDataset)?.Shape ?? default;
        var classes = Splits.Train.Classes;
        var batchSize = _settings.Train.BatchSize;
        var targets = new float[batchSize * classes];
        var intLabels = new int[batchSize];
        var predictions = new long[batchSize];
        long[] inputShape = [0, .. SampleShape];
        var progress = new ProgressLine($"epoch {epoch}/{_settings.Train.Epochs}");
        double lossSum = 0, gradNormSum = 0;
        long correct = 0;
        var samples = 0;
        var clock = Stopwatch.StartNew();
        Model.Train();
        using var loader = new PrefetchingBatchLoader(Splits.Train, Splits.Normalization, _augmentation, batchSize, seed, epoch,
            _settings.Data.LoaderWorkers, _settings.Data.Prefetch, pool: _pool, cancellationToken: cancellation);
        foreach (var batch in loader)
        {
            using (batch)
            {
                cancellation.ThrowIfCancellationRequested();
                var n = batch.Count;
                for (var i = 0; i < n; i++)
                {
                    intLabels[i] = (int)batch.Labels[i];
                }

                var mixed = mix is not null &&
                    mix.Apply(batch.Inputs, intLabels.AsSpan(0, n), shape.Channels, shape.Height, shape.Width,
                        targets.AsSpan(0, n * classes)).Kind != MixKind.None;
                inputShape[0] = n;
                using var scope = TensorScope.Begin();
                var x = Tensor.FromArray(batch.Inputs, inputShape, Device);
                var y = Tensor.FromArray(batch.Labels, [n], Device);
                var soft = mixed ? Tensor.FromArray(targets.AsSpan(0, n * classes), [n, classes], Device) : null;
                var (loss, logits) = Step(x, y, soft);
                lossSum += loss * n;
                gradNormSum += _lastGradNorm;
                logits.ArgMax(1).ToInt64Array().AsSpan().CopyTo(predictions);
                for (var i = 0; i < n; i++)
                {
                    var truth = mixed ? ArgMax(targets.AsSpan(i * classes, classes)) : intLabels[i];
                    correct += predictions[i] == truth ? 1 : 0;
                }

                samples += n;
                progress.Report(batch.Index + 1, loader.BatchCount,
                    $"loss {lossSum / samples:F4} acc {(double)correct / samples:F3} {samples / clock.Elapsed.TotalSeconds:F0}/s");
            }
        }

        Torch.Torch.Synchronize(Device);
        var seconds = clock.Elapsed.TotalSeconds;
        var steps = Math.Max(1, loader.BatchCount);
        return new EpochMetrics(epoch, lossSum / samples, (double)correct / samples, double.NaN, double.NaN,
            Optimizer.LearningRate, gradNormSum / steps, samples, samples / seconds, seconds);
    }

    /// <summary>
    /// One optimization step; returns the data loss (without penalties) and the logits (owned by the caller's scope).
    /// </summary>
    private (double Loss, Tensor Logits) Step(Tensor x, Tensor y, Tensor? softTargets)
    {
        var reg = _settings.Regularization;
        Tensor logits, loss;
        double dataLoss;
        using (_weightNoise?.Perturb(_parameters))
        {
            logits = Model.Forward(x);
            var classes = Splits.Train.Classes;
            var smoothed = softTargets ?? (reg.LabelSmoothing > 0 && _distillation is not null
                ? LabelSmoothing.Smooth(LabelSmoothing.OneHot(y, classes), reg.LabelSmoothing)
                : null);
            if (_distillation is not null)
            {
                Tensor teacherLogits;
                using (Torch.Torch.NoGrad())
                {
                    teacherLogits = _teacher!.Forward(x);
                }

                loss = _distillation.Compute(logits, teacherLogits, smoothed ?? y);
            }
            else
            {
                loss = smoothed is not null
                    ? SoftTargetCrossEntropy.Compute(logits, smoothed)
                    : Functional.CrossEntropy(logits, y, Reduction.Mean, reg.LabelSmoothing);
            }

            dataLoss = loss.Item();
            if (_penalty is not null)
            {
                loss = loss + _penalty.Compute(_decayed);
            }

            Optimizer.ClearGrad();
            loss.Backward();
        }

        _gradientNoise?.Apply(_parameters, Optimizer.StepCount);
        _lastGradNorm = GradientClipping.ClipByGlobalNorm(_parameters, reg.ClipGradNorm > 0 ? reg.ClipGradNorm : double.PositiveInfinity);
        if (reg.ClipGradValue > 0)
        {
            GradientClipping.ClipByValue(_parameters, reg.ClipGradValue);
        }

        Schedule.ApplyTo(Optimizer);
        Optimizer.Step();
        _maxNorm?.Apply(_constrained);
        Ema?.Update(Model);
        return (dataLoss, logits);
    }

    public void Dispose()
    {
        Model.Dispose();
        Optimizer.Dispose();
        Ema?.Dispose();
        _evalCopy?.Dispose();
        _teacher?.Dispose();
    }

    /// <summary>Builds the configured architecture for the splits' sample shape and classes.</summary>
    public static BuiltModel Build(ModelOptions options, DataSplits splits)
    {
        try
        {
            return ModelFactory.Create(options, splits.Train.SampleDimensions, splits.Train.Classes);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Parses Train:Device; asking for CUDA where the loaded libtorch has none is a usage error.</summary>
    public static Device ResolveDevice(string setting)
    {
        var device = Device.Parse(setting);
        if (device.Kind == DeviceKind.Cuda && device.Index >= Torch.Torch.CudaDeviceCount)
        {
            throw new UsageException(
                $"Train:Device = '{setting}', but the loaded libtorch ({Torch.Torch.Version}) sees {Torch.Torch.CudaDeviceCount} " +
                "CUDA device(s). Use cpu or auto, or build the shim against a CUDA libtorch (HARNESS_TORCH_DIR, see README).");
        }

        return device;
    }

    private static Module LoadTeacher(TrainingSettings settings, DataSplits splits, Device device)
    {
        var source = TeacherSource.Resolve(settings.Distillation, settings.Model);
        var teacher = Build(source.Model, splits).Module;
        ModuleState.Load(teacher, source.Checkpoint);
        teacher.To(device);
        teacher.Eval();
        return teacher;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var j = 1; j < row.Length; j++)
        {
            if (row[j] > row[best])
            {
                best = j;
            }
        }

        return best;
    }

    private static string Describe(AugmentOptions a, double defaultFlip) =>
        $"crop pad {a.CropPadding}, flip {a.HorizontalFlip ?? defaultFlip}, rotation {a.Rotation}°, translation {a.Translation}, " +
        $"brightness {a.Brightness}, contrast {a.Contrast}, erasing {a.Erasing}, noise σ {a.NoiseStd}, " +
        $"RandAugment({a.RandAugmentN}, {a.RandAugmentM})";
}
