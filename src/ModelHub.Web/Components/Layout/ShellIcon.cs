using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace ModelHub.Web.Components.Layout;

/// <summary>
/// A MudBlazor icon drawn as <c>MudIcon</c> draws it, but as markup: the shell shows a dozen icons on every page, and
/// a component each would be held by every open circuit. Each icon's markup is built once and shared by every circuit
/// (a copy per circuit was about 30 KB of each open catalog page); the icons and classes are the code's own constants,
/// so the cache stays small.
/// </summary>
public static class ShellIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string? ExtraClass), MarkupString> Markup = new();
    private static readonly ConcurrentDictionary<string, MarkupString> ButtonStartMarkup = new();

    public static MarkupString Svg(string icon, string? extraClass = null) =>
        Markup.GetOrAdd((icon, extraClass), key =>
            new($"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-medium {key.ExtraClass}" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{key.Icon}</svg>"""));

    /// <summary>The icon at the start of a link or button drawn in MudButton's classes.</summary>
    public static MarkupString ButtonStart(string icon) =>
        ButtonStartMarkup.GetOrAdd(icon, key => new($"""<span class="mud-button-icon-start mud-button-icon-size-medium">{Svg(key)}</span>"""));
}
