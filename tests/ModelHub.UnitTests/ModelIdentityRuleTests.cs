using ModelHub.Web.Features.Catalog.Identity;

namespace ModelHub.UnitTests;

/// <summary>The shipped identity rules on the spellings real catalogs use (models.dev, LiteLLM, OpenRouter, the clouds).</summary>
public sealed class ModelIdentityRuleTests
{
    private static readonly IdentityRules Rules = IdentityRules.Load();

    private static ModelKey Key(string provider, string id) => Rules.Normalize(Rules.CanonicalProvider(provider), id);

    [Theory]
    [InlineData("anthropic", "claude-3-5-haiku-20241022")]
    [InlineData("bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0")]
    [InlineData("bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0")]
    [InlineData("amazon-bedrock", "global.anthropic.claude-3-5-haiku-20241022-v1:0")]
    [InlineData("vertex_ai-anthropic_models", "claude-3-5-haiku@20241022")]
    [InlineData("google-vertex-anthropic", "claude-3-5-haiku@20241022")]
    public void ClaudeHaikuSpellingsShareOneDatedKey(string provider, string id)
    {
        var key = Key(provider, id);

        Assert.Equal("claude-haiku-3-5", key.Base);
        Assert.Equal("20241022", key.Snapshot);
    }

    [Theory]
    [InlineData("openrouter", "anthropic/claude-3.5-haiku")]
    [InlineData("anthropic", "claude-3-5-haiku-latest")]
    [InlineData("openrouter", "anthropic/claude-3.5-haiku:beta")]
    public void UndatedClaudeHaikuSpellingsShareTheBase(string provider, string id)
    {
        var key = Key(provider, id);

        Assert.Equal("claude-haiku-3-5", key.Base);
        Assert.Null(key.Snapshot);
    }

    [Theory]
    [InlineData("openrouter", "anthropic/claude-opus-4.1", "claude-opus-4-1")]
    [InlineData("anthropic", "claude-opus-4-1-20250805", "claude-opus-4-1")]
    [InlineData("openrouter", "anthropic/claude-3.7-sonnet:thinking", "claude-sonnet-3-7")]
    [InlineData("litellm", "claude-4-sonnet-20250514", "claude-sonnet-4")]
    [InlineData("anthropic", "claude-sonnet-4-20250514", "claude-sonnet-4")]
    [InlineData("fireworks_ai", "accounts/fireworks/models/glm-4p5", "glm-4-5")]
    [InlineData("openrouter", "z-ai/glm-4.5", "glm-4-5")]
    [InlineData("synthetic", "hf:zai-org/GLM-4.5", "glm-4-5")]
    [InlineData("fireworks_ai", "accounts/fireworks/models/llama-v3p1-8b-instruct", "llama-3-1-8-b-instruct")]
    [InlineData("bedrock", "meta.llama3-1-8b-instruct-v1:0", "llama-3-1-8-b-instruct")]
    [InlineData("together_ai", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "llama-3-1-8-b-instruct")]
    [InlineData("cloudflare", "@cf/meta/llama-3.1-8b-instruct", "llama-3-1-8-b-instruct")]
    [InlineData("bedrock", "amazon.nova-pro-v1:0", "nova-pro")]
    [InlineData("openrouter", "amazon/nova-pro-v1", "nova-pro")]
    [InlineData("bedrock", "us.deepseek.r1-v1:0", "deepseek-r-1")]
    [InlineData("openrouter", "deepseek/deepseek-r1", "deepseek-r-1")]
    [InlineData("groq", "llama-3.3-70b-versatile", "llama-3-3-70-b")]
    [InlineData("together", "zai-org/GLM-4.5-Air-FP8", "glm-4-5-air")]
    [InlineData("gemini", "gemini/gemini-2.0-flash-001", "gemini-2-0-flash")]
    public void ProviderSpellingsComeDownToTheModel(string provider, string id, string expectedBase) =>
        Assert.Equal(expectedBase, Key(provider, id).Base);

    [Theory]
    [InlineData("glm-4.5", "glm-4.5-air")]
    [InlineData("glm-4.5", "glm-4.5v")]
    [InlineData("gpt-4o", "gpt-4o-mini")]
    [InlineData("glm-4.1v-9b", "glm-4.1v-9b-thinking")]
    [InlineData("llama-3.1-8b-instruct", "llama-3.1-70b-instruct")]
    [InlineData("glm-4-9b", "glm-4v-9b")]
    [InlineData("deepseek-r1", "deepseek-r1-0528")]
    [InlineData("qwen3-235b-a22b", "qwen3-235b-a22b-2507")]
    [InlineData("mistral-large-2407", "mistral-large-2411")]
    [InlineData("gpt-4-turbo", "gpt-4")]
    public void VariantsStayApart(string a, string b) =>
        Assert.NotEqual(Key("openrouter", a).Full, Key("openrouter", b).Full);

    [Fact]
    public void DatedSnapshotsOfOneBaseKeepTheirDates()
    {
        Assert.Equal("20240513", Key("openai", "gpt-4o-2024-05-13").Snapshot);
        Assert.Equal("20240806", Key("azure", "azure/gpt-4o-2024-08-06").Snapshot);
        Assert.Equal(Key("openai", "gpt-4o").Base, Key("openai", "gpt-4o-2024-05-13").Base);
    }

    [Fact]
    public void InstructTagIsOnlyALooseDifference()
    {
        var cerebras = Key("cerebras", "llama3.1-8b");
        var openRouter = Key("openrouter", "meta-llama/llama-3.1-8b-instruct");

        Assert.NotEqual(cerebras.Base, openRouter.Base);
        Assert.Equal(cerebras.Loose, openRouter.Loose);
    }

    [Theory]
    [InlineData("bedrock", "amazon-bedrock")]
    [InlineData("bedrock-converse", "amazon-bedrock")]
    [InlineData("vertex-ai-anthropic-models", "google-vertex")]
    [InlineData("google-vertex-anthropic", "google-vertex")]
    [InlineData("together-ai", "together")]
    [InlineData("togetherai", "together")]
    [InlineData("fireworks-ai", "fireworks")]
    [InlineData("gemini", "google")]
    [InlineData("z-ai", "zhipuai")]
    [InlineData("someone-new", "someone-new")]
    public void ProviderAliasesNameOneProvider(string slug, string expected) =>
        Assert.Equal(expected, Rules.CanonicalProvider(slug));

    [Theory]
    [InlineData("openrouter", "anthropic/claude-3.5-haiku", null, "Anthropic")]
    [InlineData("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", null, "Meta")]
    [InlineData("fireworks", "accounts/fireworks/models/glm-4p5", null, "Zhipu AI (Z.ai)")]
    [InlineData("groq", "llama-3.1-8b-instant", null, "Meta")]
    [InlineData("bedrock", "us.deepseek.r1-v1:0", null, "DeepSeek")]
    [InlineData("openrouter", "nvidia/llama-3.1-nemotron-70b-instruct", null, "NVIDIA")]
    [InlineData("cerebras", "llama-4-scout-17b-16e-instruct", null, "Meta")]
    [InlineData("openrouter", "sao10k/l3-euryale-70b", "Sao10K", "Sao10K")]
    [InlineData("openrouter", "undi95/remm-slerp-l2-13b", "Unknown (served by OpenRouter)", "undi95")]
    [InlineData("mistral", "open-mistral-nemo", null, "Mistral AI")]
    [InlineData("openai", "o3-mini", null, "OpenAI")]
    [InlineData("groq", "openai/gpt-oss-120b", null, "OpenAI")]
    [InlineData("someone", "kimi-k2-instruct", null, "Moonshot AI")]
    [InlineData("openrouter", "z-ai/glm-4.5", "Z.AI", "Zhipu AI (Z.ai)")]
    [InlineData("perplexity", "llama-3.1-sonar-large-128k-online", null, "Perplexity")]
    [InlineData("databricks", "databricks-meta-llama-3-1-70b-instruct", null, "Meta")]
    [InlineData("together", "togethercomputer/CodeLlama-34b-Instruct", null, "Meta")]
    [InlineData("anyscale", "HuggingFaceH4/zephyr-7b-beta", null, "Hugging Face")]
    [InlineData("openrouter", "openrouter/auto", "Unknown (served by OpenRouter)", null)]
    public void LabComesFromTheStrongestEvidence(string provider, string id, string? fileLab, string? expected)
    {
        var canonical = Rules.CanonicalProvider(provider);
        Assert.Equal(expected, Rules.Lab(canonical, Rules.Normalize(canonical, id), fileLab, null)?.Lab);
    }

    [Fact]
    public void ReasonsNameTheRulesApplied()
    {
        var key = Key("bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0");

        Assert.Contains("cloud region prefix", key.RulesApplied);
        Assert.Contains(key.RulesApplied, r => r.Contains("Bedrock revision"));
        Assert.Contains(key.RulesApplied, r => r.Contains("snapshot date"));
    }
}
