namespace Harness.Train.Data;

/// <summary>
/// Fashion-MNIST from IDX files (Debian's <c>dataset-fashion-mnist</c> installs them in
/// /usr/share/datasets/fashion-mnist): 60,000 training and 10,000 test images, 1×28×28, 10 classes.
/// </summary>
public static class FashionMnist
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    public static readonly IReadOnlyList<string> ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    public static ImageDataset LoadTrain(string directory) => Load(directory, "train");

    public static ImageDataset LoadTest(string directory) => Load(directory, "t10k");

    private static ImageDataset Load(string directory, string prefix)
    {
        var imagesPath = Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz");
        var labelsPath = Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz");
        var (imageDims, pixels) = IdxFile.Read(imagesPath, 3);
        var (labelDims, labels) = IdxFile.Read(labelsPath, 1);
        if (imageDims[0] != labelDims[0])
        {
            throw new Harness.Core.UsageException(
                $"{imagesPath} holds {imageDims[0]} images but {labelsPath} holds {labelDims[0]} labels.");
        }

        try
        {
            return new ImageDataset(pixels, labels, 1, imageDims[1], imageDims[2], ClassNames.Count);
        }
        catch (ArgumentException e)
        {
            throw new Harness.Core.UsageException($"{labelsPath}: {e.Message}");
        }
    }
}
