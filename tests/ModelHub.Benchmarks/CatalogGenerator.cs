using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.Benchmarks;

/// <summary>
/// A generated catalog of a chosen shape (models x routes per model) written straight into the database, with
/// provider model IDs as long as real ones (<c>meta-llama/Llama-3.3-70B-Instruct-Turbo</c>,
/// <c>meta.llama-3-3-70b-instruct-20241022-v1:0</c>), three import sources and benchmark scores.
/// </summary>
internal static class CatalogGenerator
{
    /// <summary>How providers spell a model: (provider slug, provider name, the ID written from the family, a stem such as "Llama-3.3-70B" and the model's number).</summary>
    private static readonly (string Slug, string Name, Func<Family, string, int, string> Id)[] Styles =
    [
        ("together-ai", "Together AI", (f, s, i) => $"{f.Org}/{s}-Instruct-Turbo-{i}"),
        ("amazon-bedrock", "Amazon Bedrock", (f, s, i) => $"{Lower(f.Org)}.{Lower(s).Replace('.', '-')}-instruct-{i}-v1:0"),
        ("fireworks", "Fireworks AI", (f, s, i) => $"accounts/fireworks/models/{Lower(s).Replace('.', 'p')}-instruct-{i}"),
        ("vertex-ai", "Google Vertex AI", (f, s, i) => $"publishers/{Lower(f.Org)}/models/{Lower(s)}-instruct-{i}-maas"),
        ("openrouter", "OpenRouter", (f, s, i) => $"{Lower(f.Org)}/{Lower(s)}-instruct-{i}"),
        ("groq", "Groq", (f, s, i) => $"{Lower(s)}-{i}-versatile"),
        ("cloudflare-workers-ai", "Cloudflare Workers AI", (f, s, i) => $"@cf/{Lower(f.Org)}/{Lower(s)}-instruct-{i}-fp8-fast"),
        ("azure-ai-foundry", "Azure AI Foundry", (f, s, i) => $"{s}-Instruct-{i}"),
    ];

    /// <summary>Each provider in six regions (48 providers), named apart from the seed's providers.</summary>
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2"];

    private static readonly Family[] Families =
    [
        new("meta-llama", "Llama", "Meta"), new("Qwen", "Qwen", "Alibaba Cloud"), new("mistralai", "Mistral", "Mistral AI"),
        new("google", "Gemma", "Google DeepMind"), new("deepseek-ai", "DeepSeek", "DeepSeek"), new("zai-org", "GLM", "Zhipu AI (Z.ai)"),
        new("microsoft", "Phi", "Microsoft"), new("CohereForAI", "Command", "Cohere"), new("nvidia", "Nemotron", "NVIDIA"), new("ibm-granite", "Granite", "IBM"),
    ];

    /// <summary>Writes <paramref name="models"/> models with <paramref name="routesPerModel"/> routes each (at most 48, one per provider).</summary>
    public static async Task GenerateAsync(IServiceProvider services, int models, int routesPerModel)
    {
        var random = new Random(42);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        CatalogSource[] sources =
        [
            new() { Kind = CatalogSourceKind.Import, Name = "models.dev import", Url = "https://models.dev/api.json" },
            new() { Kind = CatalogSourceKind.Import, Name = "OpenRouter import", Url = "https://openrouter.ai/api/v1/models" },
            new() { Kind = CatalogSourceKind.Import, Name = "LiteLLM import", Url = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json" },
        ];
        db.CatalogSources.AddRange(sources);
        var providers = Regions.SelectMany(region => Styles.Select(style => (Style: style, Provider: new CatalogProvider
        {
            Slug = $"{style.Slug}-{region}",
            Name = $"{style.Name} ({region})",
            ApiStyle = ApiStyle.OpenAiCompatible,
            BaseUrl = $"https://{region}.{style.Slug}.example/v1",
            DocsUrl = $"https://docs.{style.Slug}.example/models",
            ApiKeyVariable = $"{style.Slug.Replace('-', '_').ToUpperInvariant()}_API_KEY",
            Source = sources[0],
        }))).ToList();
        if (routesPerModel > providers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(routesPerModel), $"At most {providers.Count} routes per model.");
        }

        db.Providers.AddRange(providers.Select(p => p.Provider));
        await db.SaveChangesAsync();

        string[] licenses = ["MIT", "Apache 2.0", "Proprietary", "Llama 3.1 Community License"];
        string[] benchmarks = ["MMLU", "GPQA", "HumanEval", "MATH"];
        const int Batch = 500;
        for (var start = 0; start < models; start += Batch)
        {
            for (var i = start; i < Math.Min(models, start + Batch); i++)
            {
                var family = Families[i % Families.Length];
                var version = string.Create(CultureInfo.InvariantCulture, $"{2 + i % 3}.{i % 7}");
                var size = new[] { 1, 3, 8, 14, 32, 70, 235, 405 }[random.Next(8)];
                var context = new[] { 8192, 32768, 65536, 128000, 200000, 1000000 }[random.Next(6)];
                var model = new CatalogModel
                {
                    Slug = $"{family.Name.ToLowerInvariant()}-{version}-{size}b-instruct-{i}",
                    Name = $"{family.Name} {version} {size}B Instruct {i}",
                    Lab = family.Lab,
                    Family = $"{family.Name} {version[0]}",
                    Description = $"{family.Name} {version} {size}B Instruct {i} is an instruction-tuned model from {family.Lab} for chat, tool use and long documents, served by several providers.",
                    ReleaseDate = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1000)),
                    ParametersBillions = size,
                    ContextWindow = context,
                    MaxOutputTokens = 8192,
                    License = licenses[random.Next(licenses.Length)],
                    OpenWeights = random.Next(2) == 0,
                    InputModalities = Modality.Text | (random.Next(2) == 0 ? Modality.Image : 0),
                    OutputModalities = Modality.Text,
                    Capabilities = (ModelCapability)random.Next(0, 64),
                    HuggingFaceId = $"{family.Org}/{family.Name}-{version}-{size}B-Instruct-{i}",
                    Source = sources[0],
                };
                foreach (var (style, provider) in providers.OrderBy(_ => random.Next()).Take(routesPerModel))
                {
                    var input = Math.Round((decimal)random.NextDouble() * 10, 3);
                    model.Routes.Add(new CatalogRoute
                    {
                        Provider = provider,
                        ProviderModelId = style.Id(family, $"{family.Name}-{version}-{size}B", i),
                        InputPricePerMillion = input,
                        OutputPricePerMillion = input * 4,
                        CachedInputPricePerMillion = random.Next(2) == 0 ? Math.Round(input / 10, 4) : null,
                        ContextWindow = context,
                        MaxOutputTokens = 8192,
                        Quantization = random.Next(3) == 0 ? "fp8" : null,
                        Source = sources[random.Next(sources.Length)],
                    });
                }

                foreach (var b in benchmarks.Where(_ => random.Next(3) > 0))
                {
                    model.Benchmarks.Add(new BenchmarkScore { Benchmark = b, Score = Math.Round((decimal)random.NextDouble() * 100, 1), Source = sources[0] });
                }

                db.Models.Add(model);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.AttachRange(sources);
            db.AttachRange(providers.Select(p => p.Provider));
        }
    }

    private static string Lower(string text) => text.ToLowerInvariant();

    internal sealed record Family(string Org, string Name, string Lab);
}
