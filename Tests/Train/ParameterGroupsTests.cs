using Harness.Train.Configuration;
using Harness.Train.Models;
using Harness.Train.Optim;
using Harness.Train.Torch;
using NUnit.Framework;

namespace Harness.Tests.Train;

[TestFixture]
public sealed class ParameterGroupsTests
{
    [Test]
    public void WeightsAreDecayedWhileBiasesAndNormParametersAreNot()
    {
        Torch.ManualSeed(1);
        using var model = Mlp.Create(4, [5], 3, batchNorm: true, dropout: 0); // 0 Linear, 1 BatchNorm1d, 3 Linear
        var split = ParameterGroups.Split(model, 0.05);

        Assert.That(split.Decayed, Is.EqualTo(new[] { "0.weight", "3.weight" }));
        Assert.That(split.NotDecayed, Is.EqualTo(new[] { "0.bias", "1.weight", "1.bias", "3.bias" }));
        Assert.That(split.Groups.Select(g => (g.Name, g.WeightDecay)), Is.EqualTo(new[] { ("decay", 0.05), ("no_decay", 0.0) }));
        Assert.That(split.Groups[0].ParameterNames, Is.EqualTo(split.Decayed));
        Assert.That(split.Groups.Sum(g => g.Parameters.Count), Is.EqualTo(model.NamedParameters().Count()));
    }

    [Test]
    public void SuffixesAndTheOneDimensionalRuleAreConfigurable()
    {
        Torch.ManualSeed(1);
        using var model = Mlp.Create(4, [5], 3, batchNorm: true, dropout: 0);
        var bySuffix = ParameterGroups.Split(model, 0.1, new NoDecayRule(["weight"], excludeOneDimensional: false));
        Assert.That(bySuffix.Decayed, Is.EqualTo(new[] { "0.bias", "1.bias", "3.bias" }));

        var all = ParameterGroups.Split(model, 0.1, NoDecayRule.None);
        Assert.That(all.NotDecayed, Is.Empty);
        Assert.That(all.Groups, Has.Count.EqualTo(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterGroups.Split(model, -0.1));
        Assert.Throws<ArgumentException>(() => new NoDecayRule([""]));
    }

    [Test]
    public void TheFactoryBuildsTheConfiguredOptimizerOverTheSplit()
    {
        Torch.ManualSeed(1);
        using var model = Mlp.Create(4, [5], 3, batchNorm: true, dropout: 0);
        var (sgd, split) = OptimizerFactory.Create(new OptimizerOptions { Kind = "SGD", Momentum = 0.8, Nesterov = true }, model);
        using (sgd)
        {
            Assert.That(sgd, Is.TypeOf<Sgd>());
            Assert.That(((Sgd)sgd).Nesterov, Is.True);
            Assert.That(split.NotDecayed, Has.Count.EqualTo(4));
        }

        var (adam, all) = OptimizerFactory.Create(new OptimizerOptions { Kind = "adam", DecayNormAndBias = true }, model);
        using (adam)
        {
            Assert.That(adam, Is.TypeOf<Adam>());
            Assert.That(all.NotDecayed, Is.Empty);
        }
    }
}
