using System.Globalization;

namespace ModelHub.Web.Features.Playground;

/// <summary>How the playground writes money, times and speeds.</summary>
public static class PlaygroundFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"$0.000123", "$1.23", "–" when unknown.</summary>
    public static string Usd(decimal? amount) => amount switch
    {
        null => "–",
        0 => "$0",
        < 0.01m => $"${amount.Value.ToString("0.000000", Invariant).TrimEnd('0')}",
        _ => $"${amount.Value.ToString("#,0.00##", Invariant)}",
    };

    /// <summary>"840 ms", "2.4 s".</summary>
    public static string Duration(double? milliseconds) => milliseconds switch
    {
        null => "–",
        < 1000 => $"{milliseconds.Value.ToString("0", Invariant)} ms",
        _ => $"{(milliseconds.Value / 1000).ToString("0.0", Invariant)} s",
    };

    /// <summary>"850 KB", "4.2 MB".</summary>
    public static string Bytes(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Ceiling(bytes / 1024.0).ToString("0", Invariant)} KB"
        : $"{(bytes / 1024.0 / 1024.0).ToString("0.#", Invariant)} MB";

    public static string Speed(double? tokensPerSecond) =>
        tokensPerSecond is { } speed ? $"{speed.ToString(speed < 10 ? "0.0" : "0", Invariant)} tok/s" : "–";

    public static string Tokens(int? tokens, bool estimated) =>
        tokens is { } count ? (estimated ? "≈" : "") + count.ToString("N0", Invariant) : "–";
}
