namespace ModelHub.Web.Features.Catalog.Identity;

public enum MatchKind
{
    /// <summary>The provider already lists this model ID: the route is updated where it is.</summary>
    Exact,

    /// <summary>An administrator's merge, split or review decision names this ID or key.</summary>
    Alias,

    /// <summary>The normalisation rules found the model.</summary>
    Rule,

    /// <summary>Nothing matched: a new model.</summary>
    New,

    /// <summary>The rules were not sure: the route waits in the review queue.</summary>
    Review,
}

/// <summary>What an import decided for one incoming route, and why; the dry run lists these.</summary>
public sealed record RouteMatch(string Provider, string ProviderModelId, MatchKind Kind, string? ModelSlug, string? ModelName, string Reason);

/// <summary>The decision for one route: the model it serves (null for New and Review) and the reason.</summary>
public sealed record MatchDecision(MatchKind Kind, CatalogModel? Model, string Reason, ModelKey Key, IReadOnlyList<CatalogModel> Candidates);

/// <summary>
/// Decides which catalog model a provider model ID serves: a persisted alias, then the rules, then
/// a new model (exact routes are the importer's first check). It indexes every known route ID and
/// model slug by normalised key, and the models an import creates as it goes.
///
/// Dated snapshots: a dated ID joins a model with the same date. It joins an undated model only when
/// no other date of that base is known; an undated or "latest" ID joins an undated model, or the one
/// dated snapshot when there is exactly one, and goes to review when there are several.
/// </summary>
public sealed partial class ModelMatcher(IdentityRules rules)
{
    private readonly Dictionary<string, List<(CatalogModel Model, string? Snapshot)>> byBase = [];
    private readonly Dictionary<string, HashSet<CatalogModel>> byLoose = [];
    private readonly Dictionary<string, HashSet<string>> datesByBase = [];
    private readonly Dictionary<(string Provider, string Id), CatalogModel> routeAliases = [];
    private readonly Dictionary<string, CatalogModel> keyAliases = [];
    private readonly Dictionary<string, HashSet<CatalogModel>> byVersionless = [];

    public IdentityRules Rules => rules;

    /// <summary>Makes a known route or model slug findable by its key.</summary>
    public void Index(CatalogModel model, string canonicalProvider, string providerModelId) =>
        Index(model, rules.Normalize(canonicalProvider, providerModelId));

    public void Index(CatalogModel model, ModelKey key)
    {
        var entries = byBase.TryGetValue(key.Base, out var list) ? list : byBase[key.Base] = [];
        if (!entries.Contains((model, key.Snapshot)))
        {
            entries.Add((model, key.Snapshot));
        }

        (byLoose.TryGetValue(key.Loose, out var loose) ? loose : byLoose[key.Loose] = []).Add(model);
        if (FourDigitVersion().Match(key.Base) is { Success: true } version)
        {
            (byVersionless.TryGetValue(version.Groups[1].Value, out var versions) ? versions : byVersionless[version.Groups[1].Value] = []).Add(model);
        }

        NoteDate(key);
    }

    /// <summary>Counts a date the import will bring, before any route is decided, so the order of a file does not matter.</summary>
    public void NoteDate(ModelKey key)
    {
        if (key.Snapshot is not null)
        {
            (datesByBase.TryGetValue(key.Base, out var dates) ? dates : datesByBase[key.Base] = []).Add(key.Snapshot);
        }
    }

    public void AddAlias(ModelAlias alias, CatalogModel model)
    {
        if (alias.ProviderSlug is null)
        {
            keyAliases[alias.Key] = model;
        }
        else
        {
            routeAliases[(alias.ProviderSlug, alias.Key)] = model;
        }
    }

    /// <param name="modelName">The file's name for the model: one that says "base" (OpenRouter's "Llama 3.1 405B (base)") never joins an instruction-tuned model loosely.</param>
    public MatchDecision Decide(string canonicalProvider, string providerModelId, string? modelName = null)
    {
        var key = rules.Normalize(canonicalProvider, providerModelId);
        if (routeAliases.TryGetValue((canonicalProvider, providerModelId), out var routeAlias))
        {
            return new MatchDecision(MatchKind.Alias, routeAlias, "an administrator placed this route on this model", key, []);
        }

        if (keyAliases.TryGetValue(key.Full, out var keyAlias) || keyAliases.TryGetValue(key.Base, out keyAlias))
        {
            return new MatchDecision(MatchKind.Alias, keyAlias, $"an administrator's merge names '{key.Full}'", key, []);
        }

        var how = key.RulesApplied.Count == 0 ? "same ID" : "same model after " + string.Join(", ", key.RulesApplied.Distinct());
        var dates = datesByBase.TryGetValue(key.Base, out var known) ? known : [];
        var entries = byBase.TryGetValue(key.Base, out var list) ? list : [];
        var undated = entries.Where(e => e.Snapshot is null).Select(e => e.Model).Distinct().ToList();

        if (key.Snapshot is { } snapshot)
        {
            var sameDate = entries.Where(e => e.Snapshot == snapshot).Select(e => e.Model).Distinct().ToList();
            if (sameDate.Count > 0)
            {
                return new MatchDecision(MatchKind.Rule, sameDate[0], how, key, sameDate);
            }

            if (undated.Count > 0 && dates.Count <= 1)
            {
                return new MatchDecision(MatchKind.Rule, undated[0], $"{how}; the only dated snapshot ({snapshot}) of '{key.Base}'", key, undated);
            }

            if (entries.Count > 0)
            {
                return New(key, $"a dated snapshot ({snapshot}) the lab sells beside {dates.Count - 1} other date(s) of '{key.Base}'");
            }
        }
        else if (entries.Count > 0)
        {
            if (undated.Count > 0)
            {
                return new MatchDecision(MatchKind.Rule, undated[0], how, key, undated);
            }

            var dated = entries.Select(e => e.Model).Distinct().ToList();
            if (dates.Count == 1 && dated.Count == 1)
            {
                return new MatchDecision(MatchKind.Rule, dated[0], $"{how}; the undated name of the only snapshot ({dates.Single()})", key, dated);
            }

            return Review(key, $"an undated{(key.IsLatest ? " 'latest'" : "")} name while {dates.Count} dated snapshots of '{key.Base}' exist ({string.Join(", ", dates.Order())})", dated);
        }

        // "pixtral-large-latest" with only "pixtral-large-2411" known is that version; with 2407 and 2411 it is not sure.
        if (key.IsLatest && entries.Count == 0 && byVersionless.TryGetValue(key.Base, out var versioned))
        {
            var candidates = versioned.ToList();
            return candidates.Count == 1
                ? new MatchDecision(MatchKind.Rule, candidates[0], $"{how}; the 'latest' name of the only version of '{key.Base}'", key, candidates)
                : Review(key, $"a 'latest' name while {candidates.Count} versions of '{key.Base}' exist", candidates);
        }

        var saysBase = modelName is not null && System.Text.RegularExpressions.Regex.IsMatch(modelName, @"\bbase\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!saysBase && byLoose.TryGetValue(key.Loose, out var looseModels))
        {
            var candidates = looseModels.ToList();
            return candidates.Count == 1
                ? new MatchDecision(MatchKind.Rule, candidates[0], $"{how}, {rules.LooseRuleName} ignored ('{key.Loose}')", key, candidates)
                : Review(key, $"{candidates.Count} models match '{key.Loose}' once the {rules.LooseRuleName} is ignored", candidates);
        }

        return New(key, $"no catalog model is '{key.Full}'");
    }

    private static MatchDecision New(ModelKey key, string why) => new(MatchKind.New, null, $"new model: {why}", key, []);

    private static MatchDecision Review(ModelKey key, string why, IReadOnlyList<CatalogModel> candidates) =>
        new(MatchKind.Review, null, $"needs review: {why}", key, candidates);

    /// <summary>A key ending in a four-digit version the lab sells separately ("-2411", "-0528").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(.+)-(\d{4})$")]
    private static partial System.Text.RegularExpressions.Regex FourDigitVersion();
}
