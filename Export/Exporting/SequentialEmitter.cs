using Harness.Train.Modules;

namespace Harness.Export.Exporting;

/// <summary>Emits a Sequential's children in order, folding a BatchNorm into the Conv/Linear right before it
/// when <see cref="GraphExportSettings.FoldBatchNorm"/> is on.</summary>
internal static class SequentialEmitter
{
    public static string Emit(EmitContext context, Sequential sequential, string input, string name)
    {
        var x = input;
        var children = sequential.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var (child, layer) = children[i];
            var childName = EmitContext.Child(name, child);
            if (i + 1 < children.Count && children[i + 1].Module is BatchNormBase bn &&
                BatchNormFolding.CanFold(context, layer, bn, x))
            {
                x = AffineEmitter.Emit(context, layer, bn, x, childName);
                i++; // the BatchNorm is inside the folded layer now
                continue;
            }

            x = LayerEmitter.Emit(context, layer, x, childName);
        }

        return x;
    }
}
