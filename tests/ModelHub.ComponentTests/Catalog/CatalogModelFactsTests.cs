using ModelHub.Web.Features.Catalog;

namespace ModelHub.ComponentTests.Catalog;

/// <summary>The one description of model facts, and the export columns other tools rely on.</summary>
public sealed class CatalogModelFactsTests
{
    private static readonly SourceView Source = new(1, CatalogSourceKind.Seed, "Seed", null, null, DateTime.UnixEpoch);

    private static ModelDetails Model(string slug, int? context, decimal? input) => new(
        1, slug, slug.ToUpperInvariant(), "Lab", null, null, new DateOnly(2024, 6, 5), 9, null, null, context, null, null, "MIT", true,
        Modality.Text | Modality.Image, Modality.Text, ModelCapability.Vision, null, null, CatalogStatus.Available, DateTime.UnixEpoch, Source,
        input is null ? [] : [new RouteView(1, "p", "Provider", ApiStyle.OpenAiCompatible, null, null, slug, input, input * 2, null, null, null, null, false, false, null, CatalogStatus.Available, Source)],
        [], [], []);

    [Fact]
    public void CsvColumnsKeepTheirNamesAndOrder()
    {
        var header = CatalogExport.ToCsv([]).TrimEnd();

        Assert.Equal(
            "slug,name,lab,family,release_date,parameters_billions,active_parameters_billions,context_window,max_output_tokens,knowledge_cutoff,license,open_weights,"
            + "input_modalities,output_modalities,capabilities,hugging_face_id,status,cheapest_route,cheapest_input_usd_per_million,cheapest_output_usd_per_million,routes,source",
            header);
    }

    [Fact]
    public void CsvRowsWriteEachFactAsPlainText()
    {
        var csv = CatalogExport.ToCsv([Model("glm-4v-9b", 131072, 0.05m)]).Split(Environment.NewLine)[1];

        Assert.Equal("glm-4v-9b,GLM-4V-9B,Lab,,2024-06-05,9,,131072,,,MIT,true,Text|Image,Text,Vision,,Available,p:glm-4v-9b,0.05,0.10,p:glm-4v-9b,Seed", csv);
    }

    [Fact]
    public void TheBestValueFollowsEachFactsComparison()
    {
        IReadOnlyList<ModelDetails> models = [Model("a", 128000, 0.5m), Model("b", 1000000, 2m), Model("c", null, null)];
        var context = ModelFacts.All.Single(f => f.Name == "context_window");
        var input = ModelFacts.All.Single(f => f.Name == "cheapest_input_usd_per_million");
        var licence = ModelFacts.All.Single(f => f.Name == "license");

        Assert.Equal(["b"], ModelFacts.Best(context, models));
        Assert.Equal(["a"], ModelFacts.Best(input, models));
        Assert.Empty(ModelFacts.Best(licence, models));
    }

    [Fact]
    public void FactNamesAreUniqueAndEveryFactIsUsedSomewhere()
    {
        Assert.Equal(ModelFacts.All.Count, ModelFacts.All.Select(f => f.Name).Distinct().Count());
        Assert.All(ModelFacts.All, f => Assert.NotEqual(FactUse.None, f.Use));
    }
}
