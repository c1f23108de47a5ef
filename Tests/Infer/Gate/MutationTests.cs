using System.Collections;
using Harness.Infer.Checks;
using Harness.Tests.Infer.Gate.Mutants;
using NUnit.Framework;

namespace Harness.Tests.Infer.Gate;

/// <summary>
/// The mutation suite: every mutant of every good model it applies to must be rejected by the checks named for it,
/// with a message that shows the numeric evidence; checks a mutant is designed to slip past must still pass (they
/// prove why the killer is needed, and that it is not a general "something changed" alarm).
/// </summary>
[TestFixture]
public sealed class MutationTests
{
    public static IEnumerable Cases()
    {
        foreach (var mutant in MutantCatalog.All)
        {
            foreach (var model in GateModels.Names)
            {
                yield return new TestCaseData(mutant.Name, model).SetName($"Gate_mutant_{mutant.Name}_of_{model}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void MutantIsRejectedByItsCheck(string mutantName, string modelName)
    {
        var mutant = MutantCatalog.All.Single(m => m.Name == mutantName);
        var good = GateModels.Get(modelName);
        var deployment = mutant.Target == MutantTarget.Deployment ? mutant.Apply(good.Deployment) : good.Deployment;
        var mc = mutant.Target == MutantTarget.Mc ? mutant.Apply(good.Mc) : good.Mc;
        var report = GateRun.Check(deployment, mc, good.Probe);
        var all = GateRun.Describe(report);

        Assert.That(report.Passed, Is.False, $"{mutant.Description}: the gate passed\n{all}");
        foreach (var killer in mutant.Killers)
        {
            var result = report.Failed(killer.Check);
            Assert.That(result, Is.Not.Null, $"{mutant.Description}: '{killer.Check}' did not fail\n{all}");
            AssertShowsEvidence(result!, killer);
            TestContext.Out.WriteLine($"{mutant.Name} of {modelName}: {killer.Check} FAIL — {result!.Message}");
        }

        foreach (var blind in mutant.Blind ?? [])
        {
            var result = report.Results.Single(r => r.Name == blind);
            Assert.That(result.Status, Is.EqualTo(CheckStatus.Pass), $"{mutant.Description}: '{blind}' was expected to pass\n{all}");
        }
    }

    /// <summary>The evidence entry exists, is a number (or a non-empty list), and the message shows it.</summary>
    private static void AssertShowsEvidence(CheckResult result, Killer killer)
    {
        Assert.That(result.Evidence.TryGetValue(killer.EvidenceKey, out var value), Is.True,
            $"{result.Name}: no evidence '{killer.EvidenceKey}' in [{string.Join(", ", result.Evidence.Keys)}]");
        var shown = value switch
        {
            double d => CheckFormat.Number(d),
            int i => CheckFormat.Number(i),
            _ => throw new AssertionException($"{result.Name}: evidence '{killer.EvidenceKey}' is {value?.GetType().Name}, not a number"),
        };
        Assert.That(result.Message, Does.Contain(shown), $"{result.Name}: the message does not show {killer.EvidenceKey} = {shown}");
        if (killer.Fragment is not null)
        {
            Assert.That(result.Message, Does.Contain(killer.Fragment));
        }
    }
}
