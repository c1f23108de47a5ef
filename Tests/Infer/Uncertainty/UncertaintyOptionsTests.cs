using Harness.Core;
using Harness.Core.Configuration;
using Harness.Infer.Uncertainty;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Harness.Tests.Infer.Uncertainty;

[TestFixture]
public class UncertaintyOptionsTests
{
    [Test]
    public void DefaultsAreValid()
    {
        var options = new UncertaintyOptions();
        Assert.That(options.Validate(), Is.Empty);
        Assert.That(options.ParsedShifts().Select(s => s.Kind), Is.EquivalentTo(Enum.GetValues<ShiftKind>()));
    }

    [Test]
    public void BindsTheSectionIncludingTheShiftList()
    {
        var options = new OptionsBinder(Config(new()
        {
            ["Uncertainty:Passes"] = "10",
            ["Uncertainty:MaxRowsPerCall"] = "512",
            ["Uncertainty:Samples"] = "100",
            ["Uncertainty:Seed"] = "3",
            ["Uncertainty:Shifts:0"] = "invert",
            ["Uncertainty:Shifts:1"] = "noise:0.2",
        })).Bind<UncertaintyOptions>(UncertaintyOptions.Section);
        Assert.That((options.Passes, options.MaxRowsPerCall, options.Samples, options.Seed), Is.EqualTo((10, 512, 100, 3L)));
        Assert.That(options.Shifts, Is.EqualTo(new[] { "invert", "noise:0.2" }));
    }

    [Test]
    public void ReportsEveryBadValueAtOnce()
    {
        var binder = new OptionsBinder(Config(new()
        {
            ["Uncertainty:Passes"] = "0",
            ["Uncertainty:MaxRowsPerCall"] = "0",
            ["Uncertainty:Shifts:0"] = "spin",
            ["Uncertainty:Shifts:1"] = "invert",
            ["Uncertainty:Shifts:2"] = "INVERT",
        }));
        binder.Bind<UncertaintyOptions>(UncertaintyOptions.Section);
        var error = Assert.Throws<UsageException>(binder.ThrowIfInvalid)!;
        Assert.That(error.Message, Does.Contain("Uncertainty:Passes = 0").And.Contain("Uncertainty:MaxRowsPerCall = 0")
            .And.Contain("Shifts:0").And.Contain("'spin'").And.Contain("twice"));
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
