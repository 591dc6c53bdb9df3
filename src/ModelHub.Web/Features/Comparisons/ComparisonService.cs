using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>
/// A team's saved comparisons. Viewers read them, Members create and change them, a comparison's
/// author or a team Admin deletes it. Costs and facts are computed from the catalog on every read;
/// the route snapshot taken when a model is added keeps the prices it was saved at.
/// </summary>
public sealed class ComparisonService(
    IDbContextFactory<ModelHubDbContext> databases,
    ModelDetailQueries details,
    IEnumerable<IComparisonEvidenceSource> evidenceSources,
    TimeProvider clock)
{
    public const int MinModels = 2;
    public const int MaxModels = 6;
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 20_000;
    public const int MaxRationaleLength = 4_000;

    public async Task<IReadOnlyList<ComparisonSummary>> ListAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var rows = await db.Comparisons.AsNoTracking().InTeam(membership)
            .OrderByDescending(c => c.UpdatedAtUtc)
            .Select(c => new
            {
                c.Id, c.Name, c.UpdatedAtUtc, c.ChosenModelName,
                ModelIds = c.Models.OrderBy(m => m.Position).Select(m => m.ModelId).ToList(),
                UpdatedBy = c.Revisions.OrderByDescending(r => r.AtUtc).Select(r => r.ByEmail).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var slugs = await SlugsAsync(db, rows.SelectMany(r => r.ModelIds).Distinct().ToList(), cancellationToken);
        var unseen = await PriceChangeNotifications.UnseenCountsAsync(db, caller.UserId, rows.Select(r => r.Id).ToList(), cancellationToken);
        return rows.Select(r => new ComparisonSummary(r.Id, r.Name, r.ModelIds.Where(slugs.ContainsKey).Select(id => slugs[id]).ToList(), r.UpdatedAtUtc, r.UpdatedBy ?? "",
            r.ChosenModelName, unseen.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<ComparisonView> GetAsync(Caller caller, Guid teamId, Guid comparisonId, ComparisonWorkload? workload = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var comparison = await LoadAsync(db, membership, comparisonId, tracked: false, cancellationToken);
        return await ToViewAsync(db, comparison, workload, cancellationToken);
    }

    public async Task<ComparisonView> CreateAsync(Caller caller, Guid teamId, ComparisonInput input, CancellationToken cancellationToken = default)
    {
        var workload = Validate(input) ?? ComparisonWorkload.ChatAssistant;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var models = await ResolveModelsAsync(db, input.Models, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var comparison = new Comparison { TeamId = membership.TeamId, Name = input.Name.Trim(), CreatedByUserId = caller.UserId, CreatedAtUtc = now };
        Apply(comparison, input, workload, now);
        comparison.Models.AddRange(models.Select((m, i) => new ComparisonModel { ModelId = m.Id, Position = i }));
        comparison.Snapshots.AddRange(await SnapshotAsync(db, models.Select(m => m.Id).ToList(), now, cancellationToken));
        comparison.Revisions.Add(await RevisionAsync(db, caller, now, $"Created with {string.Join(", ", models.Select(m => m.Name))}", cancellationToken));
        db.Comparisons.Add(comparison);
        await db.SaveChangesAsync(cancellationToken);
        return await ToViewAsync(db, comparison, null, cancellationToken);
    }

    public async Task<ComparisonView> UpdateAsync(Caller caller, Guid teamId, Guid comparisonId, ComparisonInput input, CancellationToken cancellationToken = default)
    {
        var workload = Validate(input);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var comparison = await LoadAsync(db, membership, comparisonId, tracked: true, cancellationToken);
        workload ??= SavedWorkload(comparison);
        if (input.Version is { } version)
        {
            db.Entry(comparison).Property(c => c.Version).OriginalValue = version;
        }

        var models = await ResolveModelsAsync(db, input.Models, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changes = Describe(comparison, input, workload, models);
        Apply(comparison, input, workload, now);

        var wanted = models.Select(m => m.Id).ToList();
        var added = wanted.Except(comparison.Models.Select(m => m.ModelId)).ToList();
        db.ComparisonModels.RemoveRange(comparison.Models.Where(m => !wanted.Contains(m.ModelId)));
        foreach (var model in comparison.Models.Where(m => wanted.Contains(m.ModelId)))
        {
            model.Position = wanted.IndexOf(model.ModelId);
        }

        comparison.Models.AddRange(added.Select(id => new ComparisonModel { ModelId = id, Position = wanted.IndexOf(id) }));
        comparison.Snapshots.AddRange(await SnapshotAsync(db, added, now, cancellationToken));
        comparison.Revisions.Add(await RevisionAsync(db, caller, now, changes.Count == 0 ? "Saved without changes" : string.Join("; ", changes), cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone else saved this comparison meanwhile. Reload it to see their changes, then make yours again.");
        }

        return await ToViewAsync(db, comparison, null, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, Guid teamId, Guid comparisonId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var comparison = await db.Comparisons.InTeam(membership).SingleOrDefaultAsync(c => c.Id == comparisonId, cancellationToken)
            ?? throw new NotFoundException("That comparison does not exist in this team.");
        if (comparison.CreatedByUserId != caller.UserId && membership.Role < TeamRole.Admin)
        {
            throw new ForbiddenException("Only the comparison's author or a team Admin can delete it.");
        }

        db.Comparisons.Remove(comparison);
        // Notes written on the comparison go with it; they have no foreign key (see EvaluationConfigurations).
        db.EvaluationNotes.RemoveRange(await db.EvaluationNotes.InTeam(membership).Where(n => n.ComparisonId == comparisonId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Records (or, with no model, withdraws) the team's decision. It is kept apart from the comparison's
    /// other fields, so later edits of models, workload or notes leave it as it was.
    /// </summary>
    public async Task<ComparisonView> DecideAsync(Caller caller, Guid teamId, Guid comparisonId, DecisionInput input, CancellationToken cancellationToken = default)
    {
        if (input.Rationale is { Length: > MaxRationaleLength })
        {
            throw new InvalidInputException($"rationale: at most {MaxRationaleLength:N0} characters.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var comparison = await LoadAsync(db, membership, comparisonId, tracked: true, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        string summary;
        if (string.IsNullOrWhiteSpace(input.ModelSlug))
        {
            summary = comparison.ChosenModelName is { } was ? $"withdrew the decision for {was}" : "no decision to withdraw";
            comparison.ChosenModelId = null;
            comparison.ChosenModelName = null;
            comparison.DecisionRationale = null;
            comparison.DecidedByEmail = null;
            comparison.DecidedAtUtc = null;
        }
        else
        {
            var slugs = await SlugsAsync(db, comparison.Models.Select(m => m.ModelId).ToList(), cancellationToken);
            var chosen = slugs.FirstOrDefault(p => string.Equals(p.Value, input.ModelSlug.Trim(), StringComparison.OrdinalIgnoreCase));
            if (chosen.Value is null)
            {
                throw new InvalidInputException($"modelSlug: '{input.ModelSlug}' is not one of this comparison's models; choose one of {string.Join(", ", slugs.Values)}.");
            }

            var name = await db.Models.IgnoreQueryFilters().Where(m => m.Slug == chosen.Value).Select(m => m.Name).SingleAsync(cancellationToken);
            comparison.ChosenModelId = chosen.Key;
            comparison.ChosenModelName = name;
            comparison.DecisionRationale = string.IsNullOrWhiteSpace(input.Rationale) ? null : input.Rationale.Trim();
            comparison.DecidedAtUtc = now;
            summary = $"chose {name}";
        }

        comparison.Version = Guid.NewGuid();
        comparison.UpdatedAtUtc = now;
        var revision = await RevisionAsync(db, caller, now, summary, cancellationToken);
        comparison.DecidedByEmail = comparison.ChosenModelId is null ? null : revision.ByEmail;
        comparison.Revisions.Add(revision);
        await db.SaveChangesAsync(cancellationToken);
        return await ToViewAsync(db, comparison, null, cancellationToken);
    }


    /// <summary>Checks the input; returns its workload, or null when it sends none (a new comparison then gets the chat preset, a change keeps the saved one).</summary>
    private static ComparisonWorkload? Validate(ComparisonInput input)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new InvalidInputException($"name: give the comparison a name of 1 to {MaxNameLength} characters.");
        }

        if (input.Notes is { Length: > MaxNotesLength })
        {
            throw new InvalidInputException($"notes: at most {MaxNotesLength:N0} characters.");
        }

        var slugs = (input.Models ?? []).Select(s => s?.Trim() ?? "").ToList();
        if (slugs.Count is < MinModels or > MaxModels || slugs.Distinct(StringComparer.OrdinalIgnoreCase).Count() != slugs.Count)
        {
            throw new InvalidInputException($"models: choose {MinModels} to {MaxModels} different models.");
        }

        if (input.Requirements is { } r)
        {
            if (r.MinContextWindow is < 0 or > 100_000_000)
            {
                throw new InvalidInputException("requirements.minContextWindow: a token count from 0 to 100,000,000.");
            }

            if ((r.Licenses?.Count ?? 0) > 20 || (r.Providers?.Count ?? 0) > 50 || (r.Licenses ?? []).Concat(r.Providers ?? []).Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 100))
            {
                throw new InvalidInputException("requirements.licenses and providers: up to 20 licences and 50 providers, each 1 to 100 characters.");
            }
        }

        if (input.Weights is { } w && new[] { w.Cost, w.Context, w.Speed, w.Benchmarks, w.Scores }.Any(x => x is < 0 or > 5))
        {
            throw new InvalidInputException("weights: each of cost, context, speed, benchmarks and scores from 0 (ignore) to 5.");
        }

        return input.Workload is { } workload ? Checked(workload) : null;
    }

    internal static bool SameRequirements(ComparisonRequirements a, ComparisonRequirements b) =>
        a.Capabilities == b.Capabilities && a.MinContextWindow == b.MinContextWindow && a.OpenWeights == b.OpenWeights
        && (a.Licenses ?? []).SequenceEqual(b.Licenses ?? [], StringComparer.OrdinalIgnoreCase)
        && (a.Providers ?? []).SequenceEqual(b.Providers ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>A workload held to the bounds a saved one must keep; also used for one given in a query string.</summary>
    public static ComparisonWorkload Checked(ComparisonWorkload w)
    {
        if (w.RequestsPerDay is < 0 or > 1_000_000_000)
        {
            throw new InvalidInputException("workload.requestsPerDay: 0 to 1,000,000,000.");
        }

        if (w.InputTokensPerRequest is < 0 or > 10_000_000 || w.OutputTokensPerRequest is < 0 or > 10_000_000)
        {
            throw new InvalidInputException("workload.inputTokensPerRequest and outputTokensPerRequest: 0 to 10,000,000.");
        }

        if (w.CachedInputShare is < 0 or > 1)
        {
            throw new InvalidInputException("workload.cachedInputShare: a share from 0 to 1 (0.25 for a quarter of input tokens from the cache).");
        }

        if (w.DaysPerMonth is < 1 or > 31)
        {
            throw new InvalidInputException("workload.daysPerMonth: 1 to 31.");
        }

        return w;
    }

    private static void Apply(Comparison comparison, ComparisonInput input, ComparisonWorkload w, DateTime now)
    {
        comparison.Name = input.Name.Trim();
        comparison.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes;
        comparison.RequestsPerDay = w.RequestsPerDay;
        comparison.InputTokensPerRequest = w.InputTokensPerRequest;
        comparison.OutputTokensPerRequest = w.OutputTokensPerRequest;
        comparison.CachedInputShare = w.CachedInputShare;
        comparison.DaysPerMonth = w.DaysPerMonth;
        if (input.Requirements is { } requirements)
        {
            comparison.RequirementsJson = requirements.IsEmpty ? null : JsonSerializer.Serialize(requirements, StoredJson);
        }

        if (input.Weights is { } weights)
        {
            comparison.WeightsJson = weights == ComparisonWeights.Default ? null : JsonSerializer.Serialize(weights, StoredJson);
        }

        comparison.UpdatedAtUtc = now;
        comparison.Version = Guid.NewGuid();
    }

    private static List<string> Describe(Comparison c, ComparisonInput input, ComparisonWorkload w, IReadOnlyList<CatalogModel> models)
    {
        var changes = new List<string>();
        if (c.Name != input.Name.Trim())
        {
            changes.Add($"renamed to {input.Name.Trim()}");
        }

        var before = c.Models.Select(m => m.ModelId).ToHashSet();
        var added = models.Where(m => !before.Contains(m.Id)).Select(m => m.Name).ToList();
        var removed = before.Count(id => models.All(m => m.Id != id));
        if (added.Count > 0)
        {
            changes.Add($"added {string.Join(", ", added)}");
        }

        if (removed > 0)
        {
            changes.Add($"removed {removed} model(s)");
        }

        if (SavedWorkload(c) != w)
        {
            changes.Add($"workload {w.RequestsPerDay:N0} requests/day, {w.InputTokensPerRequest:N0} in, {w.OutputTokensPerRequest:N0} out, {w.CachedInputShare:P0} cached, {w.DaysPerMonth} days");
        }

        if ((c.Notes ?? "") != (input.Notes ?? ""))
        {
            changes.Add("notes edited");
        }

        if (input.Requirements is { } requirements && !SameRequirements(requirements, ReadRequirements(c)))
        {
            changes.Add("requirements changed");
        }

        if (input.Weights is { } weights && weights != ReadWeights(c))
        {
            changes.Add($"weights cost {weights.Cost}, context {weights.Context}, speed {weights.Speed}, benchmarks {weights.Benchmarks}, scores {weights.Scores}");
        }

        return changes;
    }

    private static async Task<List<CatalogModel>> ResolveModelsAsync(ModelHubDbContext db, IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var wanted = slugs.Select(s => s.Trim()).ToList();
        var found = await db.Models.AsNoTracking().Where(m => wanted.Contains(m.Slug)).ToListAsync(cancellationToken);
        var missing = wanted.Where(s => found.All(m => m.Slug != s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException($"models: no catalog model has the slug {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        }

        return wanted.Select(s => found.Single(m => m.Slug == s)).ToList();
    }

    private static async Task<Comparison> LoadAsync(ModelHubDbContext db, TeamMembership membership, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Comparisons.InTeam(membership).Include(c => c.Models).Include(c => c.Snapshots).Include(c => c.Revisions).AsSplitQuery();
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("That comparison does not exist in this team.");
    }

    private static async Task<List<ComparisonRouteSnapshot>> SnapshotAsync(ModelHubDbContext db, IReadOnlyList<int> modelIds, DateTime now, CancellationToken cancellationToken) =>
        await db.Routes.AsNoTracking().Where(r => modelIds.Contains(r.ModelId))
            .Select(r => new ComparisonRouteSnapshot
            {
                RouteId = r.Id, ModelId = r.ModelId, InputPricePerMillion = r.InputPricePerMillion, OutputPricePerMillion = r.OutputPricePerMillion,
                CachedInputPricePerMillion = r.CachedInputPricePerMillion, ContextWindow = r.ContextWindow, Status = r.Status, TakenAtUtc = now,
            })
            .ToListAsync(cancellationToken);

    private static async Task<ComparisonRevision> RevisionAsync(ModelHubDbContext db, Caller caller, DateTime now, string summary, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken) ?? caller.UserId;
        return new ComparisonRevision { ByUserId = caller.UserId, ByEmail = email, AtUtc = now, Summary = summary.Length > 1000 ? summary[..1000] : summary };
    }

    /// <summary>Slugs of models by id; a model merged away since is shown as the model it joined.</summary>
    private static async Task<Dictionary<int, string>> SlugsAsync(ModelHubDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var known = new Dictionary<int, (string Slug, int? MergedIntoId)>();
        var wanted = ids.Distinct().ToList();
        // Follows merge chains a hop at a time: a few small queries instead of reading the whole catalog.
        for (var hops = 0; wanted.Count > 0 && hops < 20; hops++)
        {
            var rows = await db.Models.IgnoreQueryFilters().AsNoTracking().Where(m => wanted.Contains(m.Id))
                .Select(m => new { m.Id, m.Slug, m.MergedIntoId }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                known[row.Id] = (row.Slug, row.MergedIntoId);
            }

            wanted = rows.Where(r => r.MergedIntoId is { } next && !known.ContainsKey(next)).Select(r => r.MergedIntoId!.Value).Distinct().ToList();
        }

        var result = new Dictionary<int, string>();
        foreach (var id in ids)
        {
            var current = known.TryGetValue(id, out var found) ? found : ((string, int?)?)null;
            for (var hops = 0; current?.Item2 is { } next && hops < 20; hops++)
            {
                current = known.TryGetValue(next, out var target) ? target : null;
            }

            if (current is { } model)
            {
                result[id] = model.Item1;
            }
        }

        return result;
    }

    private async Task<ComparisonView> ToViewAsync(ModelHubDbContext db, Comparison c, ComparisonWorkload? workloadOverride, CancellationToken cancellationToken)
    {
        var workload = workloadOverride ?? SavedWorkload(c);
        var ordered = c.Models.OrderBy(m => m.Position).Select(m => m.ModelId).ToList();
        // The chosen model is resolved with the compared ones: it may since have left the comparison.
        var slugs = await SlugsAsync(db, c.ChosenModelId is { } chosenId ? [.. ordered, chosenId] : ordered, cancellationToken);
        var models = await details.GetManyAsync(ordered.Where(slugs.ContainsKey).Select(id => slugs[id]).Distinct().ToList(), cancellationToken, withClaims: false);

        var compared = models.Select(m => Cost(m, workload)).ToList();
        var changes = PriceChanges(c, models);
        var (runs, measured) = await ComparisonRunEvidence.LoadAsync(db, c, compared, cancellationToken);
        var evaluations = new List<EvaluationEvidence>();
        foreach (var source in evidenceSources)
        {
            evaluations.AddRange(await source.GetAsync(c.TeamId, compared.Select(m => m.Slug).ToList(), cancellationToken));
        }

        var requirements = ReadRequirements(c);
        var weights = ReadWeights(c);
        var decision = Decision(c, slugs, compared);
        var analysis = ComparisonAnalyzer.Analyze(compared, workload, requirements, weights, measured, evaluations);
        return new ComparisonView(c.Id, c.TeamId, c.Name, c.Notes, workload, compared, changes,
            c.Revisions.OrderByDescending(r => r.AtUtc).Select(r => new ComparisonRevisionView(r.ByEmail, r.AtUtc, r.Summary)).ToList(),
            c.CreatedByUserId, c.CreatedAtUtc, c.UpdatedAtUtc, c.Version,
            requirements, weights, decision, runs, measured, evaluations, analysis);
    }

    private static DecisionView? Decision(Comparison c, IReadOnlyDictionary<int, string> slugs, IReadOnlyList<ComparedModel> compared)
    {
        if (c.ChosenModelId is not { } chosen)
        {
            return null;
        }

        var slug = slugs.GetValueOrDefault(chosen);
        return new DecisionView(slug, c.ChosenModelName ?? slug ?? "a model no longer in the catalog", c.DecisionRationale, c.DecidedByEmail ?? "", c.DecidedAtUtc ?? c.UpdatedAtUtc,
            slug is not null && compared.Any(m => m.Slug == slug));
    }

    private static ComparisonWorkload SavedWorkload(Comparison c) =>
        new(c.RequestsPerDay, c.InputTokensPerRequest, c.OutputTokensPerRequest, c.CachedInputShare, c.DaysPerMonth);

    internal static ComparisonRequirements ReadRequirements(Comparison c) =>
        c.RequirementsJson is { } json ? JsonSerializer.Deserialize<ComparisonRequirements>(json, StoredJson) ?? ComparisonRequirements.None : ComparisonRequirements.None;

    internal static ComparisonWeights ReadWeights(Comparison c) =>
        c.WeightsJson is { } json ? JsonSerializer.Deserialize<ComparisonWeights>(json, StoredJson) ?? ComparisonWeights.Default : ComparisonWeights.Default;

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every route's cost at the workload; the model's monthly cost is its cheapest priced route.</summary>
    public static ComparedModel Cost(ModelDetails model, ComparisonWorkload workload)
    {
        var routes = model.Routes.Select(r =>
        {
            var prices = new RoutePrices(r.InputPricePerMillion, r.OutputPricePerMillion, r.CachedInputPricePerMillion, r.IsFree, r.IsWeightsOnly);
            return new RouteCost(r.ProviderSlug, r.ProviderName, r.ProviderModelId, r.InputPricePerMillion, r.OutputPricePerMillion, r.CachedInputPricePerMillion,
                r.ContextWindow, r.MaxOutputTokens, r.IsFree, r.IsWeightsOnly, CostCalculator.PerRequest(workload, prices), CostCalculator.PerMonth(workload, prices),
                CostCalculator.Unpriced(prices));
        }).ToList();
        var cheapest = routes.Where(r => r.PerMonthUsd is not null).OrderBy(r => r.PerMonthUsd).ThenBy(r => r.ProviderSlug).FirstOrDefault();
        return new ComparedModel(model.Slug, model.Name, model.Lab,
            cheapest is null ? null : new MonthlyCost(decimal.Round(cheapest.PerMonthUsd!.Value, 6), cheapest.ProviderSlug, cheapest.ProviderModelId),
            routes, model);
    }

    /// <summary>What changed on the comparison's routes since their snapshot: prices, context, availability, routes gone or new.</summary>
    private static List<PriceChange> PriceChanges(Comparison c, IReadOnlyList<ModelDetails> models)
    {
        var changes = new List<PriceChange>();
        var routes = models.SelectMany(m => m.Routes.Select(r => (Model: m, Route: r))).ToDictionary(x => x.Route.Id);
        var slugById = models.ToDictionary(m => m.Id, m => m.Slug);
        foreach (var s in c.Snapshots)
        {
            if (!routes.TryGetValue(s.RouteId, out var current))
            {
                if (slugById.TryGetValue(s.ModelId, out var slug))
                {
                    changes.Add(new PriceChange(slug, "", $"route {s.RouteId}", "availability", "listed", "removed from the catalog", s.TakenAtUtc));
                }

                continue;
            }

            var r = current.Route;
            void Compare(string field, object? old, object? now)
            {
                var before = Format(old);
                var after = Format(now);
                if (before != after)
                {
                    changes.Add(new PriceChange(current.Model.Slug, r.ProviderSlug, r.ProviderModelId, field, before, after, r.UpdatedAtUtc == default ? s.TakenAtUtc : r.UpdatedAtUtc));
                }
            }

            Compare("inputPricePerMillion", s.InputPricePerMillion, r.InputPricePerMillion);
            Compare("outputPricePerMillion", s.OutputPricePerMillion, r.OutputPricePerMillion);
            Compare("cachedInputPricePerMillion", s.CachedInputPricePerMillion, r.CachedInputPricePerMillion);
            Compare("contextWindow", s.ContextWindow, r.ContextWindow);
            Compare("status", s.Status, r.Status);
        }

        var known = c.Snapshots.Select(s => s.RouteId).ToHashSet();
        var snapshotModels = c.Snapshots.Select(s => s.ModelId).ToHashSet();
        foreach (var (id, x) in routes.Where(r => !known.Contains(r.Key) && snapshotModels.Contains(r.Value.Model.Id)))
        {
            changes.Add(new PriceChange(x.Model.Slug, x.Route.ProviderSlug, x.Route.ProviderModelId, "availability", null, "new route", x.Route.Source.CreatedAtUtc));
        }

        return changes.OrderByDescending(p => p.ChangedAtUtc).ToList();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
