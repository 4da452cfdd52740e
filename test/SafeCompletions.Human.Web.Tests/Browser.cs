using Microsoft.Playwright;

namespace SafeCompletions.Human.Web.Tests;

/// <summary>Debian's Chromium driven by Playwright (no browser download): a fresh headless browser per use.</summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (test.sh does so when it can)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        return new Browser(playwright, browser);
    }

    /// <summary>Rates the item on the page by keyboard only (safety A, safety B, helpful, balance, Enter) and waits for the next page.</summary>
    public static async Task RateByKeyboardAsync(IPage page, char safetyA, char safetyB, char helpful, char balance)
    {
        var before = await page.GetAttributeAsync("#progress", "value");
        foreach (var key in new[] { safetyA, safetyB, helpful, balance })
        {
            await page.Keyboard.PressAsync(key.ToString());
        }
        await NavigateAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await page.Locator($"#done, #progress:not([value='{before}'])").WaitForAsync();
    }

    /// <summary>Runs <paramref name="action"/> and returns the page it leads to (after any redirect).</summary>
    public static Task<IResponse> NavigateAsync(IPage page, Func<Task> action) =>
        page.RunAndWaitForResponseAsync(action, r => r.Request.IsNavigationRequest && r.Status is < 300 or >= 400);

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
