using Harness.Core.Configuration;
using Harness.Train.Data;

namespace Harness.Train.Configuration;

/// <summary>Section <c>Data</c>: where the datasets are.</summary>
public sealed class DataOptions : IValidatedOptions
{
    /// <summary>Folder of the Fashion-MNIST IDX files.</summary>
    public string FashionMnistDir { get; set; } = FashionMnist.DefaultDirectory;

    public IEnumerable<string> Validate() => Check.NotEmpty(nameof(FashionMnistDir), FashionMnistDir);
}
