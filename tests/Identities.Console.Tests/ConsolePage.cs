using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identities.Console.Tests;

/// <summary>What a person does on the console, found the way assistive technology finds it (roles, labels).</summary>
public static class ConsolePage
{
    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("User name").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#session-user")).ToHaveTextAsync($"Signed in as {username}");
    }

    public static Task OpenViewAsync(IPage page, string view) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Views" }).GetByRole(AriaRole.Link, new() { Name = view, Exact = true }).ClickAsync();

    /// <summary>Saves the page under the test output: screenshots/{name}.png.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
