using System.Text.Json;
using Harness.Pipeline.Report;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Harness.Tests.Report;

/// <summary>
/// Opens the generated page in Debian's Chromium (never a downloaded browser) through Playwright's bundled driver:
/// every chart renders with visible marks, the legend toggles work, the console stays clean, and the page makes no
/// request but for itself. Ignored where /usr/bin/chromium is not installed (scripts/setup.sh installs it).
/// </summary>
[NonParallelizable]
public class ReportBrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    [Test]
    public async Task EveryChartRendersOfflineWithoutErrors()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore($"{Chromium} is not installed (Debian package 'chromium'; scripts/setup.sh installs it).");
        }

        using var scratch = ReportFixtures.NewScratch();
        var page = scratch.File("report.html");
        await File.WriteAllTextAsync(page, ReportPage.Build(ReportFixtures.Context(), DateTimeOffset.UtcNow));
        var expectedCharts = System.Text.RegularExpressions.Regex.Count(await File.ReadAllTextAsync(page), "<svg ");

        using var playwright = await Playwright.CreateAsync();
        // A persistent context is how Playwright takes a user data folder (it refuses --user-data-dir in Args).
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(scratch.File("profile"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Timeout = 60_000,
        });
        var foreign = new List<string>();
        var problems = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (foreign)
                {
                    foreign.Add(url);
                }

                await route.AbortAsync();
            }
        });
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (foreign)
                {
                    foreign.Add(request.Url);
                }
            }
        };
        var tab = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        tab.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (problems)
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
        tab.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"page error: {error}");
            }
        };

        await tab.GotoAsync(new Uri(page).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var charts = await tab.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('svg.chart')).map(svg => {
              const box = svg.getBoundingClientRect();
              const marks = Array.from(svg.querySelectorAll('.series path, .series rect, .series circle'));
              const visible = marks.filter(m => { const b = m.getBBox(); return (b.width > 0 || b.height > 0) && m.getClientRects().length > 0; });
              return { id: svg.id, width: box.width, height: box.height, marks: marks.length, visible: visible.length,
                       title: (svg.querySelector(':scope > title') || {}).textContent || '' };
            })
            """);
        Assert.That(charts.GetArrayLength(), Is.EqualTo(expectedCharts), "every <svg> in the file is a rendered chart");
        Assert.That(expectedCharts, Is.GreaterThanOrEqualTo(20), "the fixtures fill every section");
        foreach (var chart in charts.EnumerateArray())
        {
            var id = chart.GetProperty("id").GetString();
            Assert.That(chart.GetProperty("width").GetDouble(), Is.GreaterThan(100), $"{id} width");
            Assert.That(chart.GetProperty("height").GetDouble(), Is.GreaterThan(50), $"{id} height");
            Assert.That(chart.GetProperty("visible").GetInt32(), Is.GreaterThan(0), $"{id} ({chart.GetProperty("title").GetString()}) draws visible marks");
            Assert.That(chart.GetProperty("title").GetString(), Is.Not.Empty, $"{id} has an accessible title");
        }

        // The legend toggles its series and back.
        var firstSeries = tab.Locator("svg.chart").First.Locator(".series").First;
        var firstLegend = tab.Locator("svg.chart").First.Locator(".legend-item").First;
        Assert.That(await firstSeries.IsVisibleAsync(), Is.True);
        await firstLegend.ClickAsync();
        Assert.That(await firstSeries.IsVisibleAsync(), Is.False, "clicking the legend hides the series");
        Assert.That(await firstLegend.GetAttributeAsync("aria-pressed"), Is.EqualTo("false"));
        await firstLegend.ClickAsync();
        Assert.That(await firstSeries.IsVisibleAsync(), Is.True, "a second click shows it again");

        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshot.png");
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.AddTestAttachment(shot, "the fixture report as Chromium renders it");

        Assert.That(foreign, Is.Empty, "the page must not request anything but itself");
        Assert.That(problems, Is.Empty, "no console errors or warnings, no script errors");
    }
}
