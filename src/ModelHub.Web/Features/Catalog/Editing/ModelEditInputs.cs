using System.ComponentModel.DataAnnotations;

namespace ModelHub.Web.Features.Catalog.Editing;

/// <summary>What the model form holds while someone types; checked beside each field before the editor sees it.</summary>
public sealed class ModelInput
{
    [Required(ErrorMessage = "Give the model an address (slug).")]
    [StringLength(CatalogRules.MaxSlugLength)]
    public string Slug { get; set; } = "";

    [Required(ErrorMessage = "Give the model a name.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Name the lab that made it.")]
    public string Lab { get; set; } = "";

    public string? Family { get; set; }

    public string? Description { get; set; }

    public DateTime? ReleaseDate { get; set; }

    [Range(0.001, 1_000_000, ErrorMessage = "Parameters must be above zero.")]
    public decimal? ParametersBillions { get; set; }

    [Range(0.001, 1_000_000, ErrorMessage = "Active parameters must be above zero.")]
    public decimal? ActiveParametersBillions { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Context window must be above zero.")]
    public int? ContextWindow { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Max output must be above zero.")]
    public int? MaxOutputTokens { get; set; }

    public string? KnowledgeCutoff { get; set; }

    public string? License { get; set; }

    public string? HuggingFaceId { get; set; }

    public bool? OpenWeights { get; set; }

    public Modality InputModalities { get; set; } = Modality.Text;

    public Modality OutputModalities { get; set; } = Modality.Text;

    public ModelCapability Capabilities { get; set; }

    public string? Architecture { get; set; }

    public string? Languages { get; set; }

    public CatalogStatus Status { get; set; }

    public static ModelInput From(ModelDetails m) => new()
    {
        Slug = m.Slug, Name = m.Name, Lab = m.Lab, Family = m.Family, Description = m.Description, ReleaseDate = m.ReleaseDate?.ToDateTime(TimeOnly.MinValue),
        ParametersBillions = m.ParametersBillions, ActiveParametersBillions = m.ActiveParametersBillions, ContextWindow = m.ContextWindow, MaxOutputTokens = m.MaxOutputTokens,
        KnowledgeCutoff = m.KnowledgeCutoff, License = m.License, HuggingFaceId = m.HuggingFaceId, OpenWeights = m.OpenWeights, InputModalities = m.InputModalities,
        OutputModalities = m.OutputModalities, Capabilities = m.Capabilities, Architecture = m.Architecture, Languages = m.Languages, Status = m.Status,
    };

    public ModelForm ToForm(Guid? version) => new()
    {
        Slug = Slug.Trim(), Name = Name, Lab = Lab, Family = Family, Description = Description, ReleaseDate = ReleaseDate is { } d ? DateOnly.FromDateTime(d) : null,
        ParametersBillions = ParametersBillions, ActiveParametersBillions = ActiveParametersBillions, ContextWindow = ContextWindow, MaxOutputTokens = MaxOutputTokens,
        KnowledgeCutoff = KnowledgeCutoff, License = License, HuggingFaceId = HuggingFaceId, OpenWeights = OpenWeights, InputModalities = InputModalities,
        OutputModalities = OutputModalities, Capabilities = Capabilities, Architecture = Architecture, Languages = Languages, Status = Status, Version = version,
    };

    public void Set(ModelCapability capability, bool on) => Capabilities = on ? Capabilities | capability : Capabilities & ~capability;

    public void SetInput(Modality modality, bool on) => InputModalities = on ? InputModalities | modality : InputModalities & ~modality;
}

public sealed class RouteInput
{
    [Required(ErrorMessage = "Choose the provider.")]
    public string? ProviderSlug { get; set; }

    [Required(ErrorMessage = "Give the provider's model ID, as the provider's API expects it.")]
    public string? ProviderModelId { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "A price cannot be negative.")]
    public decimal? Input { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "A price cannot be negative.")]
    public decimal? Output { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "A price cannot be negative.")]
    public decimal? Cached { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Context window must be above zero.")]
    public int? Context { get; set; }

    public static RouteInput From(RouteView r) => new()
    {
        ProviderSlug = r.ProviderSlug, ProviderModelId = r.ProviderModelId, Input = r.InputPricePerMillion, Output = r.OutputPricePerMillion,
        Cached = r.CachedInputPricePerMillion, Context = r.ContextWindow,
    };

    public RouteForm ToForm() => new(ProviderSlug ?? "", ProviderModelId ?? "", Input, Output, Cached, Context);
}

public sealed class BenchmarkInput
{
    [Required(ErrorMessage = "Name the benchmark, such as MMLU.")]
    public string? Name { get; set; }

    public string? Variant { get; set; }

    [Range(0, 1_000_000, ErrorMessage = "A score cannot be negative.")]
    public decimal Score { get; set; }

    [Range(0.001, 1_000_000, ErrorMessage = "The scale maximum must be above zero.")]
    public decimal ScaleMax { get; set; } = 100;
}

public sealed class ProviderInput
{
    [Required(ErrorMessage = "Give the provider a slug.")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Give the provider a name.")]
    public string? Name { get; set; }

    public ApiStyle Style { get; set; } = ApiStyle.OpenAiCompatible;

    public string? BaseUrl { get; set; }

    public string? KeyVariable { get; set; }

    public ProviderForm ToForm() => new(Slug ?? "", Name ?? "", Style, BaseUrl, null, KeyVariable);
}
