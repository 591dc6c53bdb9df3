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
        await page.Locator("input[name='r-input']").FillAsync("0.03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save route" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Route saved.")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("$0.030");

        // A negative context is refused with a message, and what was typed stays.
        await page.Locator("input[name='m-context']").FillAsync("-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save model" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("edit-error")).ToContainTextAsync("must be above zero");
        await Assertions.Expect(page.Locator("input[name='m-context']")).ToHaveValueAsync("-1");
        await page.ScreenshotAsync(app, "catalog-edit");

        await page.GotoAsync("/models/glm-4.1v-9b-thinking");
        await Assertions.Expect(page.GetByTestId("routes-table")).ToContainTextAsync("$0.030");
        await Assertions.Expect(page.Locator(".mh-spec-table")).ToContainTextAsync("64,000 tokens");
    }
}
