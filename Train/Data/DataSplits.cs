using Harness.Core;
using Harness.Train.Configuration;

namespace Harness.Train.Data;

/// <summary>
/// The three splits a run uses: training (after the validation split and the optional subset are taken out),
/// validation (carved from the training file, never from the test file) and test; the class names; the
/// normalization computed from the training split alone; and the dataset's default horizontal-flip probability.
/// The samples are images (Fashion-MNIST, CIFAR-10) or float feature rows (the Sim's behaviour-cloning set).
/// </summary>
public sealed record DataSplits(
    ISampleSource Train,
    ISampleSource Validation,
    ISampleSource Test,
    IReadOnlyList<string> ClassNames,
    Normalization Normalization,
    double DefaultFlip)
{
    private const ulong ValidationStream = 0x56414C4944415445; // "VALIDATE"
    private const ulong SubsetStream = 0x5355425345543031; // "SUBSET01"

    /// <summary>
    /// Loads the dataset <paramref name="options"/> name and splits it reproducibly from <paramref name="seed"/>.
    /// The Sim feature files are generated with <paramref name="sim"/> (in distribution; defaults when null) when
    /// they are missing, with a progress line on <paramref name="log"/>'s behalf written to standard error.
    /// </summary>
    public static DataSplits Load(DataOptions options, long seed, Harness.Sim.SimOptions? sim = null, TextWriter? log = null)
    {
        ISampleSource train, test;
        IReadOnlyList<string> names;
        double defaultFlip;
        if (options.IsSimFeatures)
        {
            (train, test, names) = SimFeatureData.Load(options, sim ?? new Harness.Sim.SimOptions(), log);
            defaultFlip = 0;
        }
        else if (options.IsCifar10)
        {
            var dir = Path.GetFullPath(Path.Combine(RepoPaths.Root, options.Cifar10Dir));
            (train, test, names, defaultFlip) = (Cifar10.LoadTrain(dir), Cifar10.LoadTest(dir), Cifar10.ClassNames, 0.5);
        }
        else
        {
            var dir = Path.GetFullPath(Path.Combine(RepoPaths.Root, options.FashionMnistDir));
            (train, test, names, defaultFlip) = (FashionMnist.LoadTrain(dir), FashionMnist.LoadTest(dir), FashionMnist.ClassNames, 0);
        }

        return Split(train, test, names, defaultFlip, options.ValidationSize, options.TrainSubset, seed);
    }

    /// <summary>Splits already-loaded data (see <see cref="Load"/>).</summary>
    public static DataSplits Split(ISampleSource fullTrain, ISampleSource test, IReadOnlyList<string> classNames,
        double defaultFlip, int validationSize, int trainSubset, long seed)
    {
        if (validationSize >= fullTrain.Count)
        {
            throw new UsageException(
                $"Data:ValidationSize = {validationSize}: must be below the {fullTrain.Count} training samples.");
        }

        var (rest, validation) = StratifiedSplit(fullTrain, validationSize, seed);
        if (trainSubset > rest.Length)
        {
            throw new UsageException(
                $"Data:TrainSubset = {trainSubset}: only {rest.Length} training samples remain after the validation split " +
                $"(0 uses them all).");
        }

        if (trainSubset > 0)
        {
            var random = SplitMix64.ForStream(seed, SubsetStream);
            random.Shuffle(rest.AsSpan());
            rest = rest[..trainSubset];
            Array.Sort(rest);
        }

        var train = fullTrain.Select(rest);
        return new DataSplits(train, fullTrain.Select(validation), test, classNames,
            Normalization.FromTrainingSet(train), defaultFlip);
    }

    /// <summary>
    /// Chooses <paramref name="size"/> validation indices stratified by class: each class contributes its share
    /// (largest remainder; ties to the lower class), picked by a seeded shuffle within the class. Both lists come
    /// back in ascending order.
    /// </summary>
    public static (int[] Train, int[] Validation) StratifiedSplit(ISampleSource data, int size, long seed)
    {
        var byClass = Enumerable.Range(0, data.Classes).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < data.Count; i++)
        {
            byClass[data.Label(i)].Add(i);
        }

        var quota = new int[data.Classes];
        var remainders = new (double Remainder, int Class)[data.Classes];
        for (var c = 0; c < data.Classes; c++)
        {
            var exact = (double)size * byClass[c].Count / data.Count;
            quota[c] = (int)Math.Floor(exact);
            remainders[c] = (exact - quota[c], c);
        }

        var missing = size - quota.Sum();
        foreach (var (_, c) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Class).Take(missing))
        {
            quota[c]++;
        }

        var isValidation = new bool[data.Count];
        for (var c = 0; c < data.Classes; c++)
        {
            var members = byClass[c].ToArray();
            var random = SplitMix64.ForStream(seed, ValidationStream ^ (ulong)c);
            random.Shuffle(members.AsSpan());
            foreach (var i in members.AsSpan(0, quota[c]))
            {
                isValidation[i] = true;
            }
        }

        var train = new int[data.Count - size];
        var validation = new int[size];
        int t = 0, v = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (isValidation[i])
            {
                validation[v++] = i;
            }
            else
            {
                train[t++] = i;
            }
        }

        return (train, validation);
    }
}
