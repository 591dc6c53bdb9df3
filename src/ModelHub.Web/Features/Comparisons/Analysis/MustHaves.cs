using ModelHub.Web.Features.Catalog;
using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>Checks a model against the team's must-haves; unknown facts fail, with the reason saying so.</summary>
internal static class MustHaves
{
    public static IReadOnlyList<string> Failures(ModelFacts model, ComparisonRequirements requirements)
    {
        var failures = new List<string>();
        foreach (var capability in AnalysisFlags.Capabilities.Where(c => requirements.Capabilities.HasFlag(c) && !model.Details.Capabilities.HasFlag(c)))
        {
            failures.Add($"needs {Capability(capability)}: not listed for this model");
        }

        AddIfFailing(failures, ContextFailure(model, requirements.MinContextWindow));
        AddIfFailing(failures, OpenWeightsFailure(model, requirements.OpenWeights));
        AddIfFailing(failures, LicenceFailure(model, requirements.Licenses));
        AddIfFailing(failures, ProviderFailure(model, requirements.Providers));
        return failures;
    }

    private static void AddIfFailing(List<string> failures, string? failure)
    {
        if (failure is not null)
        {
            failures.Add(failure);
        }
    }

    private static string? ContextFailure(ModelFacts model, int? minimum) => (minimum, model.Context) switch
    {
        (null, _) => null,
        ({ } min, null) => $"needs a context window of at least {Tokens(min)} tokens: context window not listed",
        ({ } min, { } context) when context < min => $"needs a context window of at least {Tokens(min)} tokens: {Tokens(context)} listed",
        _ => null,
    };

    private static string? OpenWeightsFailure(ModelFacts model, bool required) => (required, model.Details.OpenWeights) switch
    {
        (false, _) or (true, true) => null,
        (true, false) => "needs open weights: listed as closed weights",
        (true, null) => "needs open weights: not listed whether the weights are open",
    };

    private static string? LicenceFailure(ModelFacts model, IReadOnlyList<string>? licences)
    {
        if (licences is not { Count: > 0 })
        {
            return null;
        }

        var wanted = $"needs licence {string.Join(" or ", licences)}";
        if (string.IsNullOrWhiteSpace(model.Details.License))
        {
            return $"{wanted}: licence not listed";
        }

        var licence = Normalise(model.Details.License);
        return licences.Any(l => Normalise(l) == licence) ? null : $"{wanted}: listed as {model.Details.License}";
    }

    /// <summary>Any route counts here, a weights download too: the team may name where it hosts models itself.</summary>
    private static string? ProviderFailure(ModelFacts model, IReadOnlyList<string>? providers)
    {
        if (providers is not { Count: > 0 })
        {
            return null;
        }

        var wanted = providers.Select(Normalise).ToHashSet();
        return model.Model.Routes.Any(r => wanted.Contains(Normalise(r.ProviderSlug)) || wanted.Contains(Normalise(r.ProviderName)))
            ? null
            : $"needs a route on {string.Join(" or ", providers)}: no tracked route there";
    }
}
