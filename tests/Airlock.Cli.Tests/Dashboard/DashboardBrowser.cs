using Microsoft.Playwright;

namespace Airlock.Cli.Tests.Dashboard;

/// <summary>
/// Debian's Chromium, driven by Playwright over the DevTools protocol (no browser download): headless,
/// one fresh context (cookies, storage) per page size. <c>.ci/run</c> installs the <c>chromium</c> package.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const int DesktopWidth = 1280;
    public const int PhoneWidth = 375;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        var executable = FindChromium();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>A page in its own context, <paramref name="width"/> CSS pixels wide; console errors are collected.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(Uri gateway, int width = DesktopWidth)
    {
        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = gateway.ToString(),
            ViewportSize = new() { Width = width, Height = width == PhoneWidth ? 812 : 900 },
            IsMobile = width == PhoneWidth,
            HasTouch = width == PhoneWidth,
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    /// <summary>Signs in through the form and waits for the inbox.</summary>
    public static async Task SignInAsync(IPage page, string token)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.GetByRole(AriaRole.Heading, new() { Name = "Approvals inbox" }).WaitForAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The inbox did not appear after signing in. The page shows:\n{await page.InnerTextAsync("body")}", e);
        }
    }

    /// <summary>
    /// Saves a full-page screenshot: in the test's output folder, or with <c>AIRLOCK_UPDATE_SCREENSHOTS=1</c>
    /// under docs/screenshots/ of the repository, for the README — so a test run does not change tracked files.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("AIRLOCK_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        // The clocks keep counting; the screenshot should not catch a half-updated line, nor a passing toast.
        await page.WaitForTimeoutAsync(300);
        await page.EvaluateAsync("document.getElementById('toast').classList.remove('visible')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string FindChromium()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("AIRLOCK_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path))
            ?? throw new InvalidOperationException("The dashboard's browser tests need Chromium: install Debian's 'chromium' package (.ci/run does) or set AIRLOCK_CHROMIUM to its executable.");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Airlock.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Airlock.slnx) is not above " + AppContext.BaseDirectory);
    }
}
