using Harness.Train.Torch;

namespace Harness.Train.Modules;

/// <summary>
/// Group normalization (Wu &amp; He 2018; PyTorch's nn.GroupNorm): the channels of [N, C, …] are split into
/// <see cref="Groups"/> groups, each sample's group is normalized with its own mean and biased variance, then a
/// per-channel scale and shift apply. Independent of the batch, the same in training and evaluation.
/// State names: weight, bias (only with affine).
/// </summary>
public sealed class GroupNorm : Module
{
    /// <summary>Normalizes <paramref name="channels"/> channels in <paramref name="groups"/> groups (groups must divide channels).</summary>
    public GroupNorm(long groups, long channels, double eps = 1e-5, bool affine = true)
    {
        if (groups < 1 || channels < 1 || channels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups),
                $"GroupNorm({groups}, {channels}): groups and channels must be >= 1 and groups must divide channels.");
        }

        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), $"GroupNorm eps {eps} must be positive.");
        }

        Groups = groups;
        Channels = channels;
        Eps = eps;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([channels]));
            Bias = RegisterParameter("bias", Tensor.Zeros([channels]));
        }
    }

    public long Groups { get; }

    public long Channels { get; }

    public double Eps { get; }

    /// <summary>Per-channel scale, shape [channels], or null without affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>Per-channel shift, shape [channels], or null without affine.</summary>
    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input)
    {
        var shape = input.Shape;
        if (shape.Length < 2 || shape[1] != Channels)
        {
            throw new TorchException(
                $"GroupNorm({Groups}, {Channels}): expected {Channels} channels in dimension 1, got shape [{string.Join(", ", shape)}].");
        }

        return Functional.GroupNorm(input, Groups, Weight, Bias, Eps);
    }
}
