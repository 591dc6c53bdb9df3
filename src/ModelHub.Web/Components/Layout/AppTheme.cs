using MudBlazor;

namespace ModelHub.Web.Components.Layout;

/// <summary>
/// ModelHub's light and dark palettes. Text and action colours are chosen for at least 4.5:1 contrast
/// on their backgrounds (WCAG 2.1 AA), which MudBlazor's defaults miss for secondary text.
/// </summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf",
            Secondary = "#6a3fb5",
            Tertiary = "#00796b",
            Info = "#0b63a8",
            Success = "#1b6e20",
            Warning = "#8a5300",
            Error = "#b3261e",
            AppbarBackground = "#ffffff",
            AppbarText = "#1d2430",
            Background = "#f6f7f9",
            Surface = "#ffffff",
            DrawerBackground = "#1d2430",
            DrawerText = "#e8ecf2",
            DrawerIcon = "#c9d3e0",
            TextPrimary = "#1d2430",
            TextSecondary = "#4a5361",
            ActionDefault = "#4a5361",
            LinesDefault = "#d5d9e0",
            TableLines = "#e1e4e8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            // Filled buttons on the light blue need dark text (7.6:1); white would be about 2:1.
            PrimaryContrastText = "#0b1d3a",
            SecondaryContrastText = "#1d1233",
            TertiaryContrastText = "#0b2521",
            InfoContrastText = "#0b1d2e",
            SuccessContrastText = "#0d2611",
            WarningContrastText = "#2b1d00",
            ErrorContrastText = "#330d0a",
            Secondary = "#c3a6f0",
            Tertiary = "#6fd3c4",
            Info = "#7cc0f5",
            Success = "#7fd18a",
            Warning = "#f2c26b",
            Error = "#f28b82",
            AppbarBackground = "#1b1f27",
            AppbarText = "#e8ecf2",
            Background = "#12151b",
            Surface = "#1b1f27",
            DrawerBackground = "#161a21",
            DrawerText = "#e8ecf2",
            DrawerIcon = "#c9d3e0",
            TextPrimary = "#e8ecf2",
            TextSecondary = "#b5bfcc",
            ActionDefault = "#c9d3e0",
            LinesDefault = "#3a414d",
            TableLines = "#323843",
        },
        // Buttons read as written ("Run", "Copy into editor"), not in capitals.
        Typography = new Typography { Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" } },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "230px", AppbarHeight = "60px" },
    };
}
