using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ModelHub.Web.Components.Layout;

/// <summary>
/// The theme as <see cref="MudThemeProvider"/> writes it (the palette, shadows and sizes as CSS variables, about 12,000
/// characters), rendered once per mode for the whole process. A MudThemeProvider in the layout builds that text again in
/// every circuit, keeps it in the circuit's render tree (23 KB as a .NET string) and holds a default <see cref="MudTheme"/>
/// of its own, in every open page (see the circuit benchmark in the README). <see cref="ThemeStyles"/> writes the shared copy.
/// </summary>
public sealed class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<bool, Lazy<Task<MarkupString>>> stylesheets = new();

    public Task<MarkupString> GetAsync(bool dark)
    {
        var stylesheet = stylesheets.GetOrAdd(dark, mode => new(() => RenderAsync(mode)));
        // A failed render is not kept: the next page asks again.
        if (stylesheet.Value.IsFaulted)
        {
            stylesheets.TryRemove(new(dark, stylesheet));
        }

        return stylesheet.Value;
    }

    private async Task<MarkupString> RenderAsync(bool dark)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            }));
            return output.ToHtmlString();
        });
        return new MarkupString(html);
    }
}
