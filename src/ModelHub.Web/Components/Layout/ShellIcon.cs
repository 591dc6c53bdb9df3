using Microsoft.AspNetCore.Components;

namespace ModelHub.Web.Components.Layout;

/// <summary>
/// A MudBlazor icon drawn as <c>MudIcon</c> draws it, but as markup: the shell shows a dozen icons on every page, and
/// a component each would be held by every open circuit.
/// </summary>
public static class ShellIcon
{
    public static MarkupString Svg(string icon, string? extraClass = null) =>
        new($"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-medium {extraClass}" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{icon}</svg>""");
}
