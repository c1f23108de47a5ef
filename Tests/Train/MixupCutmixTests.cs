using Harness.Train.Mixing;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class MixupCutmixTests
{
    private const int N = 6, C = 2, H = 9, W = 7, K = 10;

    [Test]
    public void EverySoftTargetRowSumsToOne([Values(0.0, 0.1)] double smoothing)
    {
        var mixer = new MixupCutmix(0.8, 1.0, 0.5, 1.0, K, smoothing, seed: 3);
        var kinds = new HashSet<MixKind>();
        for (var batch = 0; batch < 20; batch++)
        {
            var (inputs, labels) = Batch();
            var result = mixer.Apply(inputs, labels, C, H, W);
            kinds.Add(result.Kind);
            for (var i = 0; i < N; i++)
            {
                var row = result.Targets.AsSpan(i * K, K).ToArray();
                Assert.That(row.Sum(), Is.EqualTo(1f).Within(1e-6), $"batch {batch} row {i}");
                Assert.That(row, Has.All.GreaterThanOrEqualTo(0f));
                Assert.That(row[labels[i]], Is.EqualTo((float)(result.Lambda * (1 - smoothing) + smoothing / K)).Within(1e-6));
            }
        }

        Assert.That(kinds, Is.EquivalentTo(new[] { MixKind.Mixup, MixKind.Cutmix }), "switch probability 0.5 picks both");
    }

    [Test]
    public void CutmixLambdaIsExactlyOneMinusThePastedArea()
    {
        var mixer = new MixupCutmix(0, 1.0, 0.5, 1.0, K, seed: 11);
        var pasted = 0;
        for (var batch = 0; batch < 30; batch++)
        {
            var (inputs, labels) = Batch();
            var result = mixer.Apply(inputs, labels, C, H, W);
            Assert.That(result.Kind, Is.EqualTo(MixKind.Cutmix));
            for (var i = 0; i < N; i++)
            {
                // Sample i was filled with the value i; count the pixels that now hold its partner's value.
                var partner = N - 1 - i;
                var fromPartner = inputs.AsSpan(i * C * H * W, C * H * W).ToArray().Count(v => v == partner);
                Assert.That(fromPartner, Is.EqualTo(C * result.Box!.Value.Area));
                Assert.That(result.Lambda, Is.EqualTo(1.0 - (double)fromPartner / C / (H * W)));
                Assert.That(result.Targets[i * K + labels[partner]], Is.EqualTo((float)(1 - result.Lambda)).Within(1e-7));
            }

            pasted += result.Box!.Value.Area > 0 ? 1 : 0;
        }

        Assert.That(pasted, Is.GreaterThan(20), "boxes are usually non-empty");
    }

    [Test]
    public void MixupBlendsEachSampleWithItsFlippedPartner()
    {
        var mixer = new MixupCutmix(0.4, 0, 0.5, 1.0, K, seed: 5);
        var (inputs, labels) = Batch();
        var result = mixer.Apply(inputs, labels, C, H, W);
        Assert.That(result.Kind, Is.EqualTo(MixKind.Mixup));
        Assert.That(result.Lambda, Is.InRange(0.0, 1.0));
        for (var i = 0; i < N; i++)
        {
            var expected = (float)(result.Lambda * i + (1 - result.Lambda) * (N - 1 - i));
            Assert.That(inputs.AsSpan(i * C * H * W, C * H * W).ToArray(), Has.All.EqualTo(expected).Within(1e-5));
        }
    }

    [Test]
    public void WithProbabilityZeroNothingChanges()
    {
        var mixer = new MixupCutmix(1.0, 1.0, 0.5, prob: 0, K, seed: 1);
        var (inputs, labels) = Batch();
        var original = (float[])inputs.Clone();
        var result = mixer.Apply(inputs, labels, C, H, W);
        Assert.That(result.Kind, Is.EqualTo(MixKind.None));
        Assert.That(result.Lambda, Is.EqualTo(1.0));
        Assert.That(inputs, Is.EqualTo(original));
        for (var i = 0; i < N; i++)
        {
            Assert.That(result.Targets.AsSpan(i * K, K).ToArray(), Is.EqualTo(Enumerable.Range(0, K).Select(k => k == labels[i] ? 1f : 0f)));
        }
    }

    [Test]
    public void TheSeedDeterminesEverything()
    {
        MixResult[] Run(int seed)
        {
            var mixer = new MixupCutmix(0.8, 1.0, 0.5, 0.7, K, seed: seed);
            return Enumerable.Range(0, 10).Select(_ =>
            {
                var (inputs, labels) = Batch();
                return mixer.Apply(inputs, labels, C, H, W);
            }).ToArray();
        }

        var a = Run(42);
        var b = Run(42);
        var c = Run(43);
        Assert.That(a.Select(r => (r.Kind, r.Lambda, r.Box)), Is.EqualTo(b.Select(r => (r.Kind, r.Lambda, r.Box))));
        Assert.That(a.Zip(b).All(p => p.First.Targets.SequenceEqual(p.Second.Targets)), Is.True);
        Assert.That(a.Select(r => r.Lambda), Is.Not.EqualTo(c.Select(r => r.Lambda)));
    }

    [Test]
    public void RejectsInconsistentArguments()
    {
        var mixer = new MixupCutmix(1, 0, 0.5, 1, K);
        Assert.Throws<ArgumentException>(() => mixer.Apply(new float[5], [0, 1], C, H, W));
        Assert.Throws<ArgumentOutOfRangeException>(() => mixer.Apply(new float[C * H * W], [K], C, H, W));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixupCutmix(-1, 0, 0.5, 1, K));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixupCutmix(1, 0, 1.5, 1, K));
    }

    /// <summary>N samples, sample i filled with the value i, labels all distinct.</summary>
    private static (float[] Inputs, int[] Labels) Batch()
    {
        var inputs = new float[N * C * H * W];
        for (var i = 0; i < N; i++)
        {
            inputs.AsSpan(i * C * H * W, C * H * W).Fill(i);
        }

        return (inputs, [3, 1, 4, 0, 9, 2]);
    }
}
