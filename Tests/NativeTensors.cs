using Harness.Train.Modules;
using Harness.Train.Optim;
using Harness.Train.Torch;

namespace Harness.Tests;

/// <summary>Native tensor accounting for the memory tests.</summary>
internal static class NativeTensors
{
    /// <summary>
    /// The process-wide count of live native tensors, read after the finalizer queue has drained: a tensor some
    /// other test forgot to dispose is freed by its finalizer at an arbitrary moment, which must not move a
    /// measurement.
    /// </summary>
    public static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }

    /// <summary>
    /// Live tensors before and after <paramref name="steps"/> AdamW training steps of <paramref name="model"/> on
    /// seeded random batches shaped <paramref name="batchShape"/>, each step in its own <see cref="TensorScope"/>. One
    /// warm-up step runs first: it creates the optimizer's moment tensors, which live on.
    /// </summary>
    public static (long Before, long After) AcrossTrainingSteps(Module model, long[] batchShape, int classes, int seed, int steps = 200)
    {
        using var optimizer = new AdamW([new ParameterGroup(model.Parameters().ToList(), 0.01)], 1e-3);
        var random = new Random(seed);
        var x = new float[batchShape.Aggregate(1L, (a, d) => a * d)];
        var y = new long[batchShape[0]];

        Step();
        var before = SettledLiveCount();
        for (var i = 0; i < steps; i++)
        {
            Step();
        }

        return (before, SettledLiveCount());

        void Step()
        {
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = (float)random.NextDouble();
            }

            for (var j = 0; j < y.Length; j++)
            {
                y[j] = random.Next(classes);
            }

            using var scope = TensorScope.Begin();
            var loss = Functional.CrossEntropy(model.Forward(Tensor.FromArray(x, batchShape)), Tensor.FromArray(y, [y.Length]));
            optimizer.ClearGrad();
            loss.Backward();
            optimizer.Step();
        }
    }
}
