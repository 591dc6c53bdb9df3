using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class CatalogImportTests(AppServer app)
{
    [Fact]
    public async Task AdministratorPreviewsThenImportsAnUploadedFile()
    {
        var page = await app.NewPageAsync(1400, 1000);
        await page.SignInAsync(AppServer.AdminEmail);
        await page.GotoAsync("/admin/catalog/import");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Import into the catalog" }).WaitForAsync();
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Format" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "OpenRouter GET /api/v1/models" }).ClickAsync();
        await page.GetByLabel("File (JSON").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openrouter.json"));
        await Assertions.Expect(page.GetByText("openrouter.json,")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Nothing was written")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[aria-label=Changes]")).ToContainTextAsync("openrouter:anthropic/claude-sonnet-4");
        await Assertions.Expect(page.GetByTestId("route-matches")).ToContainTextAsync("anthropic/claude-sonnet-4");
        await page.ScreenshotAsync(app, "import-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The catalog is updated.")).ToBeVisibleAsync();

        await page.GotoAsync("/models/claude-sonnet-4");
        await Assertions.Expect(page.GetByTestId("routes-table")).ToContainTextAsync("$2.80");
    }

    [Fact]
    public async Task AWrongFormatIsExplainedAndNothingChanges()
    {
        var page = await app.NewPageAsync(1400, 1000);
        await page.SignInAsync(AppServer.AdminEmail);
        await page.GotoAsync("/admin/catalog/import");
        await page.WaitForInteractiveAsync();

        // A LiteLLM file, imported as models.dev.
        await page.GetByLabel("File (JSON").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "litellm.json"));
        // The first upload after start-up can take longer than the default five seconds on a busy machine.
        await Assertions.Expect(page.GetByText("litellm.json,")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-error")).ToContainTextAsync("does not look like a models.dev api.json");
        await Assertions.Expect(page.GetByTestId("import-error")).ToContainTextAsync("The catalog was not changed.");
        await page.ScreenshotAsync(app, "import-error");
    }
}
