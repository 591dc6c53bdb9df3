using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class CatalogEditingTests(AppServer app)
{
    [Fact]
    public async Task AdministratorChangesARoutePriceAndTheModelPageShowsIt()
    {
        var page = await app.NewPageAsync(1400, 1100);
        await page.SignInAsync(AppServer.AdminEmail);
        await page.GotoAsync("/models/glm-4.1v-9b-thinking");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Edit GLM-4.1V-9B-Thinking" }).WaitForAsync();
        await page.WaitForInteractiveAsync();

        var row = page.GetByTestId("edit-routes").Locator("tr", new() { HasText = "SiliconFlow" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit the route" })).ToBeVisibleAsync();
        await page.GetByLabel("Input $ / 1M tokens").FillAsync("0.03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save route" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Route saved.")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("$0.030");

        // A negative context is refused with a message beside the field, and what was typed stays.
        var context = page.GetByLabel("Context window (tokens)");
        await context.FillAsync("-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save model" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Context window must be above zero.")).ToBeVisibleAsync();
        await Assertions.Expect(context).ToHaveValueAsync("-1");

        // A taken slug is refused by the catalog itself, shown inline, and the form keeps it.
        await context.FillAsync("64000");
        var slug = page.GetByLabel("Slug (address)");
        await slug.FillAsync("glm-4v-9b");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save model" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("edit-error")).ToContainTextAsync("already has the slug");
        await Assertions.Expect(slug).ToHaveValueAsync("glm-4v-9b");
        await page.ScreenshotAsync(app, "catalog-edit");

        await page.GotoAsync("/models/glm-4.1v-9b-thinking");
        await Assertions.Expect(page.GetByTestId("routes-table")).ToContainTextAsync("$0.030");
        await Assertions.Expect(page.Locator(".mh-spec-table")).ToContainTextAsync("64,000 tokens");
    }
}
