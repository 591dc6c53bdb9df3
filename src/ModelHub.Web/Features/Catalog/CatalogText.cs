namespace ModelHub.Web.Features.Catalog;

/// <summary>Words for catalog values on pages.</summary>
public static class CatalogText
{
    public static string Capability(ModelCapability capability) => capability switch
    {
        ModelCapability.Vision => "Vision",
        ModelCapability.Reasoning => "Reasoning",
        ModelCapability.ToolCalling => "Tool calling",
        ModelCapability.StructuredOutput => "Structured output",
        ModelCapability.CodeExecution => "Code execution",
        ModelCapability.WebBrowsing => "Web browsing",
        _ => capability.ToString(),
    };

    /// <summary>Every capability a model may have, in display order.</summary>
    public static IReadOnlyList<ModelCapability> AllCapabilities { get; } = Enum.GetValues<ModelCapability>().Where(c => c != ModelCapability.None).ToArray();

    public static IEnumerable<string> Capabilities(ModelCapability capabilities) =>
        AllCapabilities.Where(c => capabilities.HasFlag(c)).Select(Capability);

    public static string Modalities(Modality modalities) =>
        modalities == Modality.None ? "–" : string.Join(", ", Enum.GetValues<Modality>().Where(m => m != Modality.None && modalities.HasFlag(m)));

    public static string ApiStyle(ApiStyle style) => style switch
    {
        Catalog.ApiStyle.OpenAiCompatible => "OpenAI-compatible chat completions",
        Catalog.ApiStyle.Replicate => "Replicate predictions",
        Catalog.ApiStyle.Anthropic => "Anthropic messages",
        _ => "Other",
    };

    public static string YesNo(bool? value) => value switch { true => "Yes", false => "No", null => "Unknown" };
}
