using System.Text.Json;

namespace ModelHub.Web.Features.Catalog.Import;

/// <summary>Turns each public format into one <see cref="ImportBatch"/>, refusing entries it cannot read.</summary>
public static class ImportParsers
{
    public static async Task<ImportBatch> ParseAsync(Stream content, CatalogImportFormat format, CancellationToken cancellationToken = default)
    {
        using var document = await ImportJson.ParseAsync(content, cancellationToken);
        var batch = format switch
        {
            CatalogImportFormat.ModelsDev => ModelsDev(document.RootElement),
            CatalogImportFormat.LiteLlm => LiteLlm(document.RootElement),
            CatalogImportFormat.OpenRouter => OpenRouter(document.RootElement),
            _ => throw new ImportFileException($"Unknown format {format}."),
        };
        return batch.Routes.Count > 0
            ? batch
            : throw new ImportFileException($"The file has no model this {FormatName(format)} import can read. Check that you chose the format that matches the file.");
    }

    public static string FormatName(CatalogImportFormat format) => format switch
    {
        CatalogImportFormat.ModelsDev => "models.dev",
        CatalogImportFormat.LiteLlm => "LiteLLM",
        _ => "OpenRouter",
    };

    /// <summary>models.dev api.json: providers (at the top or under "providers"), each with models; costs per million tokens.</summary>
    private static ImportBatch ModelsDev(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ImportFileException("A models.dev file is a JSON object of providers; this file's top level is " + ImportJson.Describe(root) + ".");
        }

        var providersElement = root.TryGetProperty("providers", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? wrapped : root;
        var providers = new List<ImportedProvider>();
        var routes = new List<ImportedRoute>();
        foreach (var providerProperty in providersElement.EnumerateObject())
        {
            var p = providerProperty.Value;
            var entry = $"Provider '{providerProperty.Name}'";
            if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFileException($"{entry} has no 'models' object. This does not look like a models.dev api.json; choose the format that matches the file.");
            }

            var slug = ImportJson.Slugify(ImportJson.String(p, "id", entry) ?? providerProperty.Name);
            var name = ImportJson.String(p, "name", entry) ?? providerProperty.Name;
            var env = p.TryGetProperty("env", out var envList) && envList.ValueKind == JsonValueKind.Array ? envList.EnumerateArray().Select(e => e.GetString()).FirstOrDefault() : null;
            providers.Add(new ImportedProvider(slug, name, StyleFor(slug), ImportJson.String(p, "api", entry), ImportJson.String(p, "doc", entry), env));

            foreach (var modelProperty in models.EnumerateObject())
            {
                var m = modelProperty.Value;
                var modelEntry = $"Provider '{providerProperty.Name}', model '{modelProperty.Name}'";
                if (m.ValueKind != JsonValueKind.Object)
                {
                    throw new ImportFileException($"{modelEntry} must be an object, not {ImportJson.Describe(m)}.");
                }

                var id = ImportJson.String(m, "id", modelEntry) ?? modelProperty.Name;
                var cost = m.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
                var limit = m.TryGetProperty("limit", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
                var modalities = m.TryGetProperty("modalities", out var mo) && mo.ValueKind == JsonValueKind.Object ? mo : default;
                var input = modalities.ValueKind == JsonValueKind.Object ? ImportJson.Modalities(modalities, "input", modelEntry) : Modality.None;
                var capabilities =
                    (ImportJson.Bool(m, "reasoning", modelEntry) == true ? ModelCapability.Reasoning : 0) |
                    (ImportJson.Bool(m, "tool_call", modelEntry) == true ? ModelCapability.ToolCalling : 0) |
                    (ImportJson.Bool(m, "structured_output", modelEntry) == true ? ModelCapability.StructuredOutput : 0) |
                    (input.HasFlag(Modality.Image) ? ModelCapability.Vision : 0);
                var context = limit.ValueKind == JsonValueKind.Object ? ImportJson.Int(limit, "context", modelEntry) : null;
                var maxOutput = limit.ValueKind == JsonValueKind.Object ? ImportJson.Int(limit, "output", modelEntry) : null;
                decimal? inputPrice = cost.ValueKind == JsonValueKind.Object ? ImportJson.Price(cost, "input", modelEntry, 1) : null;
                decimal? outputPrice = cost.ValueKind == JsonValueKind.Object ? ImportJson.Price(cost, "output", modelEntry, 1) : null;

                var model = new ImportedModel(
                    ImportJson.Slugify(id),
                    ImportJson.String(m, "name", modelEntry) ?? id,
                    LabFor(slug, name),
                    Family: ImportJson.String(m, "family", modelEntry),
                    ReleaseDate: ImportJson.Date(m, "release_date", modelEntry),
                    ContextWindow: context,
                    MaxOutputTokens: maxOutput,
                    KnowledgeCutoff: ImportJson.String(m, "knowledge", modelEntry),
                    OpenWeights: ImportJson.Bool(m, "open_weights", modelEntry),
                    Input: input,
                    Output: modalities.ValueKind == JsonValueKind.Object ? ImportJson.Modalities(modalities, "output", modelEntry) : Modality.None,
                    Capabilities: capabilities);
                routes.Add(new ImportedRoute(slug, id, model, inputPrice, outputPrice,
                    cost.ValueKind == JsonValueKind.Object ? ImportJson.Price(cost, "cache_read", modelEntry, 1) : null,
                    context, maxOutput, inputPrice == 0 && outputPrice == 0, modelEntry));
            }
        }

        return new ImportBatch(CatalogImportFormat.ModelsDev, providers, routes);
    }

    /// <summary>LiteLLM model_prices_and_context_window.json: one entry per model key, costs per token, provider in litellm_provider.</summary>
    private static ImportBatch LiteLlm(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ImportFileException("A LiteLLM price file is a JSON object of models; this file's top level is " + ImportJson.Describe(root) + ".");
        }

        string[] chatModes = ["chat", "completion", "responses"];
        var providers = new Dictionary<string, ImportedProvider>();
        var routes = new List<ImportedRoute>();
        var sawProviderField = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "sample_spec" || property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var e = property.Value;
            var entry = $"Entry '{property.Name}'";
            var providerName = ImportJson.String(e, "litellm_provider", entry);
            if (providerName is null)
            {
                continue;
            }

            sawProviderField = true;
            var mode = ImportJson.String(e, "mode", entry) ?? "chat";
            if (!chatModes.Contains(mode))
            {
                continue;
            }

            var providerSlug = ImportJson.Slugify(providerName);
            providers.TryAdd(providerSlug, new ImportedProvider(providerSlug, providerName, StyleFor(providerSlug), null, null, null));

            // Keys carry the provider as a prefix ("openrouter/openai/gpt-4o"); the provider's own ID is what follows it.
            var modelId = property.Name.StartsWith(providerName + "/", StringComparison.OrdinalIgnoreCase) ? property.Name[(providerName.Length + 1)..] : property.Name;
            var input = Modality.Text |
                (ImportJson.Bool(e, "supports_vision", entry) == true ? Modality.Image : 0) |
                (ImportJson.Bool(e, "supports_audio_input", entry) == true ? Modality.Audio : 0) |
                (ImportJson.Bool(e, "supports_pdf_input", entry) == true ? Modality.File : 0);
            var capabilities =
                (ImportJson.Bool(e, "supports_vision", entry) == true ? ModelCapability.Vision : 0) |
                (ImportJson.Bool(e, "supports_function_calling", entry) == true ? ModelCapability.ToolCalling : 0) |
                (ImportJson.Bool(e, "supports_response_schema", entry) == true ? ModelCapability.StructuredOutput : 0) |
                (ImportJson.Bool(e, "supports_reasoning", entry) == true ? ModelCapability.Reasoning : 0) |
                (ImportJson.Bool(e, "supports_web_search", entry) == true ? ModelCapability.WebBrowsing : 0);
            var context = ImportJson.Int(e, "max_input_tokens", entry) ?? ImportJson.Int(e, "max_tokens", entry);
            var maxOutput = ImportJson.Int(e, "max_output_tokens", entry);
            var inputPrice = ImportJson.Price(e, "input_cost_per_token", entry, 1_000_000);
            var outputPrice = ImportJson.Price(e, "output_cost_per_token", entry, 1_000_000);

            var model = new ImportedModel(ImportJson.Slugify(modelId), modelId.Split('/')[^1], LabFor(providerSlug, providerName),
                ContextWindow: context, MaxOutputTokens: maxOutput, Input: input, Output: Modality.Text, Capabilities: capabilities);
            routes.Add(new ImportedRoute(providerSlug, modelId, model, inputPrice, outputPrice,
                ImportJson.Price(e, "cache_read_input_token_cost", entry, 1_000_000), context, maxOutput,
                inputPrice == 0 && outputPrice == 0, entry));
        }

        if (!sawProviderField && root.EnumerateObject().Any())
        {
            throw new ImportFileException("No entry has 'litellm_provider'. This does not look like LiteLLM's model_prices_and_context_window.json; choose the format that matches the file.");
        }

        return new ImportBatch(CatalogImportFormat.LiteLlm, providers.Values.ToList(), routes);
    }

    /// <summary>OpenRouter GET /api/v1/models: a "data" list; prices are strings in USD per token.</summary>
    private static ImportBatch OpenRouter(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ImportFileException("An OpenRouter models response has a top-level 'data' list; this file has none. Choose the format that matches the file.");
        }

        var provider = new ImportedProvider("openrouter", "OpenRouter", ApiStyle.OpenAiCompatible, "https://openrouter.ai/api/v1", "https://openrouter.ai/docs", "OPENROUTER_API_KEY");
        var routes = new List<ImportedRoute>();
        var index = 0;
        foreach (var m in data.EnumerateArray())
        {
            index++;
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFileException($"Entry {index} of 'data' must be an object, not {ImportJson.Describe(m)}.");
            }

            var id = ImportJson.String(m, "id", $"Entry {index} of 'data'") ?? throw new ImportFileException($"Entry {index} of 'data' has no 'id'.");
            var entry = $"Model '{id}' (entry {index})";
            var architecture = m.TryGetProperty("architecture", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            var pricing = m.TryGetProperty("pricing", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var topProvider = m.TryGetProperty("top_provider", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
            var parameters = m.TryGetProperty("supported_parameters", out var sp) && sp.ValueKind == JsonValueKind.Array
                ? sp.EnumerateArray().Select(x => x.GetString() ?? "").ToHashSet()
                : [];
            var input = architecture.ValueKind == JsonValueKind.Object ? ImportJson.Modalities(architecture, "input_modalities", entry) : Modality.None;
            var capabilities =
                (input.HasFlag(Modality.Image) ? ModelCapability.Vision : 0) |
                (parameters.Contains("tools") ? ModelCapability.ToolCalling : 0) |
                (parameters.Contains("structured_outputs") || parameters.Contains("response_format") ? ModelCapability.StructuredOutput : 0) |
                (parameters.Contains("reasoning") || parameters.Contains("include_reasoning") ? ModelCapability.Reasoning : 0);
            var context = ImportJson.Int(m, "context_length", entry);
            var maxOutput = topProvider.ValueKind == JsonValueKind.Object ? ImportJson.Int(topProvider, "max_completion_tokens", entry) : null;
            decimal? inputPrice = pricing.ValueKind == JsonValueKind.Object ? ImportJson.Price(pricing, "prompt", entry, 1_000_000) : null;
            decimal? outputPrice = pricing.ValueKind == JsonValueKind.Object ? ImportJson.Price(pricing, "completion", entry, 1_000_000) : null;

            // "Lab: Model" names carry the lab; the id's prefix is the fallback.
            var name = ImportJson.String(m, "name", entry) ?? id;
            var lab = name.Contains(": ") ? name[..name.IndexOf(": ", StringComparison.Ordinal)] : id.Split('/')[0];
            var model = new ImportedModel(ImportJson.Slugify(id), name.Contains(": ") ? name[(name.IndexOf(": ", StringComparison.Ordinal) + 2)..] : name, lab,
                Description: ImportJson.String(m, "description", entry), ContextWindow: context, MaxOutputTokens: maxOutput,
                Input: input, Output: architecture.ValueKind == JsonValueKind.Object ? ImportJson.Modalities(architecture, "output_modalities", entry) : Modality.None,
                Capabilities: capabilities, HuggingFaceId: NullIfEmpty(ImportJson.String(m, "hugging_face_id", entry)));
            routes.Add(new ImportedRoute("openrouter", id, model, inputPrice, outputPrice,
                pricing.ValueKind == JsonValueKind.Object ? ImportJson.Price(pricing, "input_cache_read", entry, 1_000_000) : null,
                context, maxOutput, id.EndsWith(":free", StringComparison.Ordinal) || (inputPrice == 0 && outputPrice == 0), entry));
        }

        return new ImportBatch(CatalogImportFormat.OpenRouter, [provider], routes);
    }

    private static ApiStyle StyleFor(string providerSlug) => providerSlug switch
    {
        "anthropic" => ApiStyle.Anthropic,
        "replicate" => ApiStyle.Replicate,
        _ => ApiStyle.OpenAiCompatible,
    };

    /// <summary>A first-party provider is the lab; for anything else the lab is not known from the file.</summary>
    private static string LabFor(string providerSlug, string providerName) => providerSlug switch
    {
        "openai" => "OpenAI",
        "anthropic" => "Anthropic",
        "google" or "gemini" or "vertex-ai" => "Google DeepMind",
        "mistral" => "Mistral AI",
        "deepseek" => "DeepSeek",
        "xai" => "xAI",
        _ => $"Unknown (served by {providerName})",
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
