using System.Globalization;
using System.Text;

namespace ModelHub.Web.Features.Catalog;

/// <summary>The current catalog view as CSV: one line per model, with its cheapest route and every route listed.</summary>
public static class CatalogExport
{
    public const int MaxModels = 5000;

    private static readonly string[] Header =
    [
        "slug", "name", "lab", "family", "release_date", "parameters_billions", "active_parameters_billions", "context_window", "max_output_tokens",
        "knowledge_cutoff", "license", "open_weights", "input_modalities", "output_modalities", "capabilities", "hugging_face_id", "status",
        "cheapest_route", "cheapest_input_usd_per_million", "cheapest_output_usd_per_million", "routes", "source",
    ];

    public static string ToCsv(IEnumerable<ModelDetails> models)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Header));
        foreach (var m in models)
        {
            var cheapest = m.CheapestRoute;
            string?[] fields =
            [
                m.Slug, m.Name, m.Lab, m.Family, m.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Number(m.ParametersBillions), Number(m.ActiveParametersBillions), m.ContextWindow?.ToString(CultureInfo.InvariantCulture),
                m.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture), m.KnowledgeCutoff, m.License,
                m.OpenWeights switch { true => "true", false => "false", null => "" },
                Flags(m.InputModalities), Flags(m.OutputModalities), Flags(m.Capabilities), m.HuggingFaceId, m.Status.ToString(),
                cheapest is null ? null : $"{cheapest.ProviderSlug}:{cheapest.ProviderModelId}",
                Number(cheapest?.InputPricePerMillion), Number(cheapest?.OutputPricePerMillion),
                string.Join("; ", m.Routes.Select(r => $"{r.ProviderSlug}:{r.ProviderModelId}")),
                m.Source.Name,
            ];
            csv.AppendLine(string.Join(',', fields.Select(Escape)));
        }

        return csv.ToString();
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Flags<T>(T flags) where T : struct, Enum =>
        string.Join('|', Enum.GetValues<T>().Where(f => Convert.ToInt32(f) != 0 && flags.HasFlag(f)));

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet does not run it as a formula.</summary>
    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
