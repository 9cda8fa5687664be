using Identities.Gateway.Tests;
using Microsoft.Playwright;

namespace Identities.Console.Tests;

/// <summary>The real stack (as the gateway tests start it) and one headless Chromium driven by Playwright.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public StackFixture Stack { get; } = new();

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        // Without a browser every test skips: the stack is not worth starting.
        if (!Chromium.Available)
        {
            return;
        }
        await Stack.InitializeAsync();
        // Model inference on two shared cores can take seconds; the default 5 s would make tests flaky.
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.ExecutablePath, Headless = true });
    }

    /// <summary>A fresh browser context (own session storage) on the console, at a laptop's screen size.</summary>
    public async Task<IPage> OpenConsoleAsync()
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Stack.GatewayAddress.ToString(),
            IgnoreHTTPSErrors = true, // the gateway's self-signed certificate
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Chromium.Available)
        {
            await Stack.DisposeAsync();
        }
    }
}
