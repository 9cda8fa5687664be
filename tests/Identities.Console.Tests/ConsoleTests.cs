using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Identities.Gateway.Tests;
using Identities.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identities.Console.Tests;

/// <summary>
/// The web console in headless Chromium against the real local stack: every action goes through the
/// public REST API. Each test saves a screenshot under the test output (screenshots/{test}.png).
/// </summary>
public sealed class ConsoleTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    // Two photos of one person (master.csv: img1.jpg,img2.jpg,Yes); img16 is someone else.
    private const string PersonPhoto = "img1.jpg";
    private const string SamePersonOtherPhoto = "img2.jpg";
    private const string OtherPersonPhoto = "img16.jpg";

    [SkippableFact]
    public async Task SignIn_Admin_ShowsTheUserAndItsPermissions()
    {
        Chromium.SkipIfMissing();
        await WithPageAsync(async page =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await ConsolePage.SignInAsync(page, "admin", StackFixture.AdminPassword);
            await Expect(page.Locator("#session-permissions")).ToContainTextAsync("Face Enrollment");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Detect and identify" })).ToBeVisibleAsync();
            await Expect(page.Locator("#enroll-submit")).ToBeEnabledAsync();
        });
    }

    [SkippableFact]
    public async Task SignIn_WrongPassword_SaysWhy()
    {
        Chromium.SkipIfMissing();
        await WithPageAsync(async page =>
        {
            await page.GetByLabel("User name").FillAsync(StackFixture.DetectorUser);
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("#login-error")).ToContainTextAsync("(unauthorized)");
            await Expect(page.Locator("#tabs")).ToBeHiddenAsync();
        });
    }

    [SkippableFact]
    public async Task EnrollThenDetect_SharedPhotoAsNamedPerson_BoxCarriesTheName()
    {
        Chromium.SkipIfMissing();
        SharedFaces.SkipIfMissing();
        var name = $"Console Person {Guid.NewGuid().ToString("N")[..6]}";
        await WithPageAsync(async page =>
        {
            await ConsolePage.SignInAsync(page, "admin", StackFixture.AdminPassword);
            await ConsolePage.OpenViewAsync(page, "Enroll");
            var enroll = page.GetByRole(AriaRole.Region, new() { Name = "Enroll a face" });
            await enroll.GetByLabel("Photo to enroll").SetInputFilesAsync(SharedFaces.PathOf(PersonPhoto));
            await enroll.GetByLabel("Name (optional)").FillAsync(name);
            await enroll.GetByLabel("Tags (optional, comma-separated)").FillAsync("console, e2e");
            await enroll.GetByRole(AriaRole.Button, new() { Name = "Enroll", Exact = true }).ClickAsync();
            await Expect(page.Locator("#enroll-message")).ToContainTextAsync($"Enrolled face");
            await Expect(page.Locator("#enroll-message")).ToContainTextAsync(name);

            await ConsolePage.OpenViewAsync(page, "Detect");
            await page.GetByLabel("Photo to detect").SetInputFilesAsync(SharedFaces.PathOf(SamePersonOtherPhoto));
            var box = page.Locator("#detect-boxes .face-box", new() { HasText = name });
            await Expect(box).ToBeVisibleAsync();
            await Expect(box).ToContainTextAsync("match");
            await box.ClickAsync();
            await Expect(page.Locator("#detect-details")).ToContainTextAsync(name);
            await Expect(page.Locator("#detect-details")).ToContainTextAsync("Match confidence");
        });
    }

    [SkippableFact]
    public async Task Compare_TwoPhotosOfOnePerson_ShowsMatchScoreAndThreshold()
    {
        Chromium.SkipIfMissing();
        SharedFaces.SkipIfMissing();
        await WithPageAsync(async page =>
        {
            await ConsolePage.SignInAsync(page, "admin", StackFixture.AdminPassword);
            await ConsolePage.OpenViewAsync(page, "Compare");
            await page.GetByLabel("First photo").SetInputFilesAsync(SharedFaces.PathOf(PersonPhoto));
            await page.GetByLabel("Second photo").SetInputFilesAsync(SharedFaces.PathOf(SamePersonOtherPhoto));
            await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
            await Expect(page.Locator("#compare-verdict")).ToHaveTextAsync("Match: the same person");
            await Expect(page.Locator("#compare-threshold")).ToHaveTextAsync("70.0%");
            await Expect(page.Locator("#compare-confidence")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d%$"));
        });
    }

    [SkippableFact]
    public async Task Persons_RenameThenDelete_PersonIsRenamedThenGone()
    {
        Chromium.SkipIfMissing();
        SharedFaces.SkipIfMissing();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var personId = await EnrollNamedAsync(OtherPersonPhoto, $"Before {suffix}");
        await WithPageAsync(async page =>
        {
            await ConsolePage.SignInAsync(page, "admin", StackFixture.AdminPassword);
            await ConsolePage.OpenViewAsync(page, "Persons");
            await page.GetByLabel("Search by name or tag").FillAsync(suffix);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Before {suffix}" }).ClickAsync();
            await Expect(page.Locator("#person-faces tbody tr")).ToHaveCountAsync(1);

            await page.GetByRole(AriaRole.Region, new() { Name = $"Before {suffix}" }).GetByLabel("Name").FillAsync($"After {suffix}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
            await Expect(page.Locator("#person-title")).ToHaveTextAsync($"After {suffix}");
            await Expect(page.Locator("#persons-table")).ToContainTextAsync($"After {suffix}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Delete person…" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("permanently");
            await ConsolePage.ScreenshotAsync(page, "Persons_DeleteConfirmation");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete permanently" }).ClickAsync();
            await Expect(page.Locator("#persons-message")).ToContainTextAsync("was deleted");
            await Expect(page.Locator("#persons-table")).Not.ToContainTextAsync(suffix);
        });
        using var admin = await console.Stack.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/v1/persons/{personId}", UriKind.Relative))).StatusCode);
    }

    [SkippableFact]
    public async Task Enroll_UserWithoutFaceEnrollment_IsDisabled()
    {
        Chromium.SkipIfMissing();
        await WithPageAsync(async page =>
        {
            await ConsolePage.SignInAsync(page, StackFixture.DetectorUser, StackFixture.DetectorPassword);
            await Expect(page.GetByLabel("Photo to detect")).ToBeEnabledAsync();
            await ConsolePage.OpenViewAsync(page, "Enroll");
            await Expect(page.GetByText("lacks the Face Enrollment permission")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enroll", Exact = true })).ToBeDisabledAsync();
            await Expect(page.GetByLabel("Photo to enroll")).ToBeDisabledAsync();
        });
    }

    /// <summary>Runs the steps on a fresh page and saves a screenshot afterwards, also when a step failed.</summary>
    private async Task WithPageAsync(Func<IPage, Task> steps, [CallerMemberName] string test = "")
    {
        var page = await console.OpenConsoleAsync();
        try
        {
            await steps(page);
        }
        finally
        {
            await ConsolePage.ScreenshotAsync(page, test);
            await page.Context.CloseAsync();
        }
    }

    private async Task<string> EnrollNamedAsync(string photo, string name)
    {
        using var admin = await console.Stack.CreateAdminClientAsync();
        var enroll = await admin.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Convert.ToBase64String(SharedFaces.Read(photo)) });
        var body = await enroll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enroll.IsSuccessStatusCode, body.ToString());
        var personId = body.GetProperty("personId").GetString()!;
        (await admin.PatchAsJsonAsync($"/api/v1/persons/{personId}", new { name })).EnsureSuccessStatusCode();
        return personId;
    }
}
