using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Comparisons;

namespace ModelHub.UnitTests;

/// <summary>The comparison analysis: ranking, verdict, scorecard, tradeoffs, switch friction, deep dive and FAQ, from data alone.</summary>
public sealed class ComparisonAnalyzerTests
{
    private static readonly ComparisonWorkload Workload = ComparisonWorkload.ChatAssistant;

    private static readonly SourceView Source = new(1, CatalogSourceKind.Seed, "Test fixtures", null, null, DateTime.UnixEpoch);

    // GLM-4V 9B vs Qwen3.5-4B, as on the seed page: one priced Replicate route against none priced.
    private static readonly ModelDetails Glm = Model("glm-4v-9b", "GLM-4V 9B", context: 131_072,
        routes: [Route("replicate", "zsxkib/glm-4v-9b", 0.05m, 0.25m, "Replicate API")], input: Modality.Text | Modality.Image);

    private static readonly ModelDetails Qwen = Model("qwen3-5-4b", "Qwen3.5-4B", context: 262_144, capabilities: ModelCapability.Vision,
        openWeights: true, licence: "Apache 2.0", routes: [Route("openrouter", "qwen/qwen3.5-4b", null, null, "OpenRouter")], input: Modality.Text | Modality.Image);

    [Fact]
    public void SeedPairVerdictNamesTheLeaderAndTheRunnerUpsStrongestReason()
    {
        var analysis = Analyze([Glm, Qwen]);

        // $10.50 a month (cost 3×, value 1) against no price (value 0): 131K of 262K context (1×) cannot make up for it.
        Assert.Equal("GLM-4V 9B ranks first on the team's weights (87.5 of 100); choose Qwen3.5-4B when vision matters.", analysis.Verdict);
        Assert.Equal([1, 2], analysis.Ranking.Select(r => r.Rank));
        Assert.Contains("cost 3×: $10.50/month, 1.00 of the best", analysis.Ranking[0].Explanation);
        Assert.Contains("cost 3×: no price, 0.00 of the best", analysis.Ranking[1].Explanation);
    }

    [Fact]
    public void SeedPairScorecardShowsUnavailableNotZeroForTheUnpricedModel()
    {
        var analysis = Analyze([Glm, Qwen]);

        var cost = Row(analysis, "Monthly cost");
        Assert.Equal(["$10.50", "Unavailable: no complete token price"], cost.Values);
        Assert.Equal([0], cost.Leaders);
        Assert.Equal(["Replicate API", "None priced"], Row(analysis, "Cheapest route").Values);
        Assert.Equal(["131K", "262K"], Row(analysis, "Context window").Values);
        Assert.Equal([1], Row(analysis, "Context window").Leaders);
        Assert.Equal(["Not listed", "Not listed"], Row(analysis, "Max output").Values);
        Assert.Equal(["No linked runs", "No linked runs"], Row(analysis, "Measured tokens/s").Values);
        Assert.Equal(["Pass", "Pass"], Row(analysis, "Requirements").Values);
        Assert.Empty(Row(analysis, "Requirements").Leaders);
        Assert.Equal(["Weights not listed · licence not listed", "Open weights · Apache 2.0"], Row(analysis, "Open weights / licence").Values);
    }

    [Fact]
    public void SeedPairTradeoffsGiveEachModelItsOwnReasons()
    {
        var analysis = Analyze([Glm, Qwen]);

        Assert.Contains(analysis.Tradeoffs[0].ChooseWhen, l => l.StartsWith("GLM-4V 9B is the only one with a complete token price: $10.50/month on Replicate API"));
        Assert.Contains(analysis.Tradeoffs[0].ChooseWhen, l => l.Contains("served on Replicate API, where Qwen3.5-4B has no tracked route"));
        Assert.Contains("Qwen3.5-4B lists Vision; GLM-4V 9B does not.", analysis.Tradeoffs[1].ChooseWhen);
        Assert.Contains(analysis.Tradeoffs[1].ChooseWhen, l => l.Contains("larger context window") && l.Contains("262K tokens vs 131K for GLM-4V 9B"));
        Assert.Contains(analysis.Tradeoffs[1].ChooseWhen, l => l.StartsWith("Qwen3.5-4B has open weights (Apache 2.0)"));
    }

    [Fact]
    public void SeedPairSwitchFrictionNamesTheMissingSharedProviderAndTheVisionGap()
    {
        var analysis = Analyze([Glm, Qwen]);

        Assert.Equal(2, analysis.Switches.Count);
        var toQwen = analysis.Switches.Single(s => s.FromSlug == Glm.Slug);
        var toGlm = analysis.Switches.Single(s => s.FromSlug == Qwen.Slug);
        Assert.Empty(toQwen.SharedProviders);
        Assert.Null(toQwen.MonthlyCostChangeUsd);
        Assert.StartsWith("No shared provider: plan for SDK, billing or endpoint changes", toQwen.Points[0]);
        Assert.Contains("Qwen3.5-4B adds Vision.", toQwen.Points);
        Assert.Contains("Context window grows from 131K to 262K tokens.", toQwen.Points);
        Assert.Contains("Cost change unknown: Qwen3.5-4B has no complete token price.", toQwen.Points);
        Assert.Contains(toGlm.Points, p => p.StartsWith("Check replacement coverage for Vision before moving production traffic"));
        Assert.Contains("Context window shrinks from 262K to 131K tokens: prompts over 131K tokens must be cut.", toGlm.Points);
    }

    [Fact]
    public void SeedPairFaqAsksAboutBothModelsAndAnswersWithTheirNumbers()
    {
        var analysis = Analyze([Glm, Qwen]);

        var context = analysis.Faq.Single(f => f.Question == "Which has a larger context window, GLM-4V 9B or Qwen3.5-4B?");
        Assert.StartsWith("Qwen3.5-4B supports 262K tokens, while GLM-4V 9B supports 131K tokens.", context.Answer);
        Assert.Contains(analysis.Faq, f => f.Question == "Which is better for vision, GLM-4V 9B or Qwen3.5-4B?" && f.Answer.StartsWith("Only Qwen3.5-4B lists vision"));
        Assert.Contains(analysis.Faq, f => f.Question == "Is GLM-4V 9B or Qwen3.5-4B open source?" && f.Answer.Contains("Qwen3.5-4B has open weights under Apache 2.0.") && f.Answer.Contains("GLM-4V 9B lists neither a licence nor whether its weights are open."));
        Assert.Contains(analysis.Faq, f => f.Question == "Where can I run GLM-4V 9B and Qwen3.5-4B?" && f.Answer.StartsWith("GLM-4V 9B is available on Replicate API."));
        Assert.Contains(analysis.Faq, f => f.Question.StartsWith("Which is cheaper") && f.Answer.Contains("Qwen3.5-4B has no complete token price, so it cannot be costed"));
        Assert.DoesNotContain(analysis.Faq, f => f.Question.Contains("reasoning"));
        Assert.Equal("When should I pick GLM-4V 9B over Qwen3.5-4B?", analysis.Faq[^1].Question);
        Assert.StartsWith(analysis.Verdict, analysis.Faq[^1].Answer);
    }

    [Fact]
    public void MissingDataNeverReadsAsZero()
    {
        var bare = Model("bare", "Bare Model");
        var analysis = Analyze([bare, Model("other", "Other Model", context: 8_192, routes: [Route("groq", "other", 0.1m, 0.2m)])]);

        var text = analysis.Scorecard.SelectMany(r => r.Values.Take(1))
            .Concat(analysis.DeepDive).Concat(analysis.Faq.Select(f => f.Answer)).Concat(analysis.Switches.SelectMany(s => s.Points));
        Assert.All(text, t => Assert.DoesNotMatch(@"\$0(\.0+)?(?![\d.])|(?<![\d.,])0 (tokens|ms)", t));
        Assert.Equal("Unavailable: no tracked route", Row(analysis, "Monthly cost").Values[0]);
        Assert.Equal("Not listed", Row(analysis, "Context window").Values[0]);
        Assert.Contains(analysis.Faq, f => f.Answer.Contains("Bare Model has no tracked provider route."));
        Assert.Contains(analysis.DeepDive, p => p.Contains("Bare Model has no complete token price yet"));
    }

    [Fact]
    public void SixModelsGiveThirtySwitchesSixValuesPerRowAndGroupQuestions()
    {
        var models = Enumerable.Range(1, 6)
            .Select(i => Model($"m{i}", $"Model {i}", context: 32_768 * i, routes: [Route("together", $"lab/m{i}", 0.1m * i, 0.2m * i, "Together AI")]))
            .ToList();

        var analysis = Analyze(models);

        Assert.Equal(30, analysis.Switches.Count);
        Assert.Equal(30, analysis.Switches.Select(s => (s.FromSlug, s.ToSlug)).Distinct().Count());
        Assert.All(analysis.Scorecard, r => Assert.Equal(6, r.Values.Count));
        Assert.Equal(6, analysis.Ranking.Count);
        Assert.Contains(analysis.Faq, f => f.Question == "Which of these six models has the largest context window?" && f.Answer.StartsWith("Model 6 has the largest, 197K tokens; then Model 5 (164K)"));
        Assert.Contains(analysis.Faq, f => f.Question == "When should I pick Model 1 over the other five?");
        var oneToTwo = analysis.Switches.Single(s => s.FromSlug == "m1" && s.ToSlug == "m2");
        Assert.Equal(["together"], oneToTwo.SharedProviders);
        Assert.Contains("On Together AI, change the model ID from lab/m1 to lab/m2.", oneToTwo.Points);
        Assert.Equal(Cost(models[1]) - Cost(models[0]), oneToTwo.MonthlyCostChangeUsd);
        Assert.Contains(oneToTwo.Points, p => p.StartsWith("Monthly cost at this workload rises by"));
    }

    [Fact]
    public void ModelsWithEqualSignalsShareARankAndTheNextRankIsSkipped()
    {
        var twin = Model("twin-a", "Twin A", context: 131_072, routes: [Route("together", "a", 0.1m, 0.2m)]);
        var models = new[]
        {
            twin,
            twin with { Slug = "twin-b", Name = "Twin B" },
            Model("pricier", "Pricier", context: 131_072, routes: [Route("together", "p", 1m, 2m)]),
            Model("small", "Small", context: 8_192, routes: [Route("together", "s", 1m, 2m)]),
            Model("c5", "Model 5", context: 8_192, routes: [Route("together", "c5", 2m, 4m)]),
            Model("c6", "Model 6", context: 8_192, routes: [Route("together", "c6", 3m, 6m)]),
        };

        var analysis = Analyze(models);

        Assert.Equal([1, 1, 3, 4, 5, 6], analysis.Ranking.Select(r => r.Rank));
        Assert.Equal(["twin-a", "twin-b"], analysis.Ranking.Take(2).Select(r => r.Slug));
        Assert.StartsWith("Twin A and Twin B tie for first on the team's weights (100.0 of 100)", analysis.Verdict);
        Assert.Equal([0, 1], Row(analysis, "Weighted score").Leaders);
    }

    [Fact]
    public void AModelWithoutARequiredCapabilityFailsWithAReasonAndIsNotRanked()
    {
        var tools = Glm with { Slug = "tools", Name = "Tools", Capabilities = ModelCapability.ToolCalling | ModelCapability.Vision };

        var analysis = Analyze([Glm, tools], new ComparisonRequirements(Capabilities: ModelCapability.ToolCalling));

        var failing = analysis.Ranking.Single(r => r.Slug == Glm.Slug);
        Assert.Null(failing.Rank);
        Assert.Null(failing.Score);
        Assert.Equal(["needs Tool calling: not listed for this model"], failing.Failures);
        Assert.Equal(1, analysis.Ranking.Single(r => r.Slug == "tools").Rank);
        Assert.Equal(["Fails: 1", "Pass"], Row(analysis, "Requirements").Values);
        Assert.Equal([1], Row(analysis, "Requirements").Leaders);
        Assert.Equal(["Fails must-haves", "100.0 (#1)"], Row(analysis, "Weighted score").Values);
        Assert.EndsWith("; one of two models fails the must-haves.", analysis.Verdict);
    }

    [Fact]
    public void MinimumContextFailsSmallerAndUnlistedWindows()
    {
        var unlisted = Model("unlisted", "Unlisted");

        var analysis = Analyze([Glm, Qwen, unlisted], new ComparisonRequirements(MinContextWindow: 200_000));

        Assert.Equal(["needs a context window of at least 200K tokens: 131K listed"], Failures(analysis, Glm.Slug));
        Assert.Empty(Failures(analysis, Qwen.Slug));
        Assert.Equal(["needs a context window of at least 200K tokens: context window not listed"], Failures(analysis, "unlisted"));
    }

    [Fact]
    public void OpenWeightsRequirementFailsClosedAndUnknownModels()
    {
        var closed = Glm with { Slug = "closed", OpenWeights = false };

        var analysis = Analyze([Glm, Qwen, closed], new ComparisonRequirements(OpenWeights: true));

        Assert.Equal(["needs open weights: not listed whether the weights are open"], Failures(analysis, Glm.Slug));
        Assert.Equal(["needs open weights: listed as closed weights"], Failures(analysis, "closed"));
        Assert.Empty(Failures(analysis, Qwen.Slug));
    }

    [Theory]
    [InlineData("apache-2.0")]
    [InlineData("APACHE 2.0")]
    [InlineData("Apache-2.0")]
    public void LicenceRequirementIgnoresCaseSpacesAndHyphens(string wanted)
    {
        var mit = Qwen with { Slug = "mit", License = "MIT" };

        var analysis = Analyze([Qwen, mit, Glm], new ComparisonRequirements(Licenses: [wanted, "BSD-3"]));

        Assert.Empty(Failures(analysis, Qwen.Slug));
        Assert.Equal([$"needs licence {wanted} or BSD-3: listed as MIT"], Failures(analysis, "mit"));
        Assert.Equal([$"needs licence {wanted} or BSD-3: licence not listed"], Failures(analysis, Glm.Slug));
    }

    [Fact]
    public void ProviderRequirementMatchesARouteBySlugOrName()
    {
        var analysis = Analyze([Glm, Qwen], new ComparisonRequirements(Providers: ["Replicate API"]));
        var bySlug = Analyze([Glm, Qwen], new ComparisonRequirements(Providers: ["replicate"]));

        Assert.Empty(Failures(analysis, Glm.Slug));
        Assert.Equal(["needs a route on Replicate API: no tracked route there"], Failures(analysis, Qwen.Slug));
        Assert.Empty(Failures(bySlug, Glm.Slug));
    }

    [Fact]
    public void WhenNoModelMeetsTheMustHavesNothingIsRankedAndTheVerdictSaysSo()
    {
        var analysis = Analyze([Glm, Qwen], new ComparisonRequirements(Capabilities: ModelCapability.Reasoning));

        Assert.All(analysis.Ranking, r => Assert.Null(r.Rank));
        Assert.Equal("Neither model meets the must-haves; relax a requirement to rank them.", analysis.Verdict);
    }

    [Fact]
    public void AllWeightsZeroRanksNothing()
    {
        var analysis = Analyze([Glm, Qwen], weights: new ComparisonWeights(0, 0, 0, 0, 0));

        Assert.All(analysis.Ranking, r => Assert.Null(r.Rank));
        Assert.All(analysis.Ranking, r => Assert.Null(r.Score));
        Assert.Equal("GLM-4V 9B costs least at this workload ($10.50/month); all weights are 0, so nothing is ranked.", analysis.Verdict);
        Assert.Equal(["Not ranked", "Not ranked"], Row(analysis, "Weighted score").Values);
    }

    [Fact]
    public void SpeedWeightIsNotUsedWithoutLinkedRuns()
    {
        var analysis = Analyze([Glm, Qwen]);

        Assert.All(analysis.Ranking, r => Assert.Contains("speed 1×: weight not used, no linked runs measured these models", r.Explanation));
    }

    [Fact]
    public void MeasuredSpeedRanksTheFasterModelFirst()
    {
        var slow = Glm with { Slug = "slow", Name = "Slow" };
        var fast = Glm with { Slug = "fast", Name = "Fast" };
        MeasuredEvidence[] measured = [Runs("slow", 50, 900), Runs("fast", 100, 300)];

        var analysis = Analyze([slow, fast], weights: new ComparisonWeights(Cost: 1, Context: 0, Speed: 1, Benchmarks: 0, Scores: 0), measured: measured);

        Assert.Equal(["fast", "slow"], analysis.Ranking.Select(r => r.Slug));
        Assert.Equal([1, 2], analysis.Ranking.Select(r => r.Rank));
        Assert.Equal(75.0, analysis.Ranking[1].Score);
        Assert.Contains("speed 1×: 50 tokens/s measured, 0.50 of the best", analysis.Ranking[1].Explanation);
        Assert.Equal(["50 tokens/s (4 runs)", "100 tokens/s (4 runs)"], Row(analysis, "Measured tokens/s").Values);
        Assert.Equal([1], Row(analysis, "Measured time to first token").Leaders);
        Assert.Contains("Fast was fastest in linked runs: 100 tokens/s vs 50 for Slow.", analysis.Tradeoffs[1].ChooseWhen);
        Assert.Equal("Fast ranks first on the team's weights (100.0 of 100).", analysis.Verdict);
    }

    [Fact]
    public void EvaluationsWithTooFewResultsAreShownButNotRanked()
    {
        var a = Glm with { Slug = "a", Name = "A" };
        var b = Glm with { Slug = "b", Name = "B" };
        EvaluationEvidence[] evaluations =
        [
            new("a", "Rubric score", 0.6, 20, "3.0 / 5", TooFewToRank: false),
            new("b", "Rubric score", 0.9, 2, "4.5 / 5", TooFewToRank: true),
        ];

        var analysis = Analyze([a, b], weights: new ComparisonWeights(0, 0, 0, 0, Scores: 1), evaluations: evaluations);

        Assert.Equal([1, 2], analysis.Ranking.Select(r => r.Rank));
        Assert.Equal("a", analysis.Ranking[0].Slug);
        Assert.Contains("scores 1×: no rankable evaluation, 0.00 of 1", analysis.Ranking[1].Explanation);
        Assert.Equal(["3.0 / 5 (20 results)", "4.5 / 5 (2 results, too few to rank)"], Row(analysis, "Rubric score").Values);
        Assert.Equal([0], Row(analysis, "Rubric score").Leaders);
    }

    [Fact]
    public void EvaluationsThatAreAllTooFewToRankLeaveTheWeightUnused()
    {
        EvaluationEvidence[] evaluations = [new(Glm.Slug, "Votes", 0.7, 3, "1040 Elo", TooFewToRank: true)];

        var analysis = Analyze([Glm, Qwen], evaluations: evaluations);

        Assert.Contains("scores 2×: weight not used, no evaluation has enough results to rank", analysis.Ranking[0].Explanation);
        Assert.Equal(["1040 Elo (3 results, too few to rank)", "Not evaluated"], Row(analysis, "Votes").Values);
    }

    [Fact]
    public void SharedBenchmarksCountInTheRankingAndNameTheLeader()
    {
        var strong = Glm with { Slug = "strong", Name = "Strong", Benchmarks = [Bench("MMLU", 80), Bench("GPQA", 40), Bench("Only here", 99)] };
        var weak = Glm with { Slug = "weak", Name = "Weak", Benchmarks = [Bench("MMLU", 40), Bench("GPQA", 40)] };

        var analysis = Analyze([weak, strong], weights: new ComparisonWeights(0, 0, 0, Benchmarks: 1, 0));

        // Weak: MMLU 0.5 of the best, GPQA 1.0 → mean 0.75.
        Assert.Equal(["strong", "weak"], analysis.Ranking.Select(r => r.Slug));
        Assert.Equal(75.0, analysis.Ranking[1].Score);
        Assert.Equal(["2 rows", "2 rows"], Row(analysis, "Shared benchmarks").Values);
        Assert.Contains("Strong scores best on the shared benchmark MMLU.", analysis.Tradeoffs[1].ChooseWhen);
    }

    [Fact]
    public void AModelThatLeadsOnNothingIsToldToBeTestedOnOwnPrompts()
    {
        var same = Glm with { Slug = "same", Name = "Same" };

        var analysis = Analyze([Glm, same]);

        Assert.Equal(["No tracked signal favours Same over the others; test it on your own prompts."], analysis.Tradeoffs[1].ChooseWhen);
        Assert.InRange(analysis.DeepDive.Count, 3, 5);
    }

    [Fact]
    public void AComparisonWithoutModelsAsksForThem()
    {
        var analysis = Analyze([]);

        Assert.Equal("Add models to compare.", analysis.Verdict);
        Assert.Empty(analysis.Ranking);
        Assert.Empty(analysis.Switches);
        Assert.Empty(analysis.Faq);
    }

    private static ComparisonAnalysis Analyze(
        IReadOnlyList<ModelDetails> models,
        ComparisonRequirements? requirements = null,
        ComparisonWeights? weights = null,
        IReadOnlyList<MeasuredEvidence>? measured = null,
        IReadOnlyList<EvaluationEvidence>? evaluations = null) =>
        ComparisonAnalyzer.Analyze(models.Select(m => ComparisonService.Cost(m, Workload)).ToList(), Workload,
            requirements ?? ComparisonRequirements.None, weights ?? ComparisonWeights.Default, measured ?? [], evaluations ?? []);

    private static decimal? Cost(ModelDetails model) => ComparisonService.Cost(model, Workload).MonthlyCost?.Usd;

    private static ScorecardRow Row(ComparisonAnalysis analysis, string signal) => analysis.Scorecard.Single(r => r.Signal == signal);

    private static IReadOnlyList<string> Failures(ComparisonAnalysis analysis, string slug) => analysis.Ranking.Single(r => r.Slug == slug).Failures;

    private static MeasuredEvidence Runs(string slug, double tokensPerSecond, double firstTokenMs) =>
        new(slug, 4, firstTokenMs, tokensPerSecond, 0.001m, 1_000, 300);

    private static BenchmarkView Bench(string name, decimal score) => new(name, "", score, 100, Source);

    private static ModelDetails Model(
        string slug,
        string name,
        int? context = null,
        ModelCapability capabilities = ModelCapability.None,
        bool? openWeights = null,
        string? licence = null,
        IReadOnlyList<RouteView>? routes = null,
        Modality input = Modality.Text) =>
        new(0, slug, name, "Lab", null, null, null, null, null, null, context, null, null, licence, openWeights, input, Modality.Text, capabilities,
            null, null, CatalogStatus.Available, DateTime.UnixEpoch, Source, routes ?? [], [], [], []);

    private static RouteView Route(string provider, string modelId, decimal? input, decimal? output, string? providerName = null) =>
        new(0, provider, providerName ?? provider, ApiStyle.OpenAiCompatible, null, null, modelId, input, output, null, null, null, null,
            false, false, null, CatalogStatus.Available, Source);
}
