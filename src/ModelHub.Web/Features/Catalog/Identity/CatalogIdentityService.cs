using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog.Identity;

public sealed record ModelSummary(int Id, string Slug, string Name, string Lab, int Routes);

/// <summary>Two models that may be one, with what suggests it, strongest first.</summary>
public sealed record DuplicateCandidate(ModelSummary First, ModelSummary Second, IReadOnlyList<string> Evidence, int Strength);

public sealed record IdentityChangeView(int Id, IdentityChangeKind Kind, string Summary, string ByEmail, DateTime AtUtc, DateTime? UndoneAtUtc, string? UndoneByEmail)
{
    public bool CanUndo => UndoneAtUtc is null;
}

public sealed record ReviewItemView(int Id, string ProviderSlug, string ProviderModelId, string Reason, IReadOnlyList<string> Candidates, string SourceName, DateTime UpdatedAtUtc);

public sealed record RouteSummary(int Id, string ProviderSlug, string ProviderName, string ProviderModelId);

/// <summary>
/// The administrator's tools for catalog identity: likely duplicates, merge, split, the review queue
/// and an undoable log. Each decision is also stored as an alias, so the next import keeps it.
/// </summary>
public sealed partial class CatalogIdentityService(
    IDbContextFactory<ModelHubDbContext> dbFactory, IdentityRules rules, TimeProvider clock, ILogger<CatalogIdentityService> logger)
{
    public async Task<IReadOnlyList<DuplicateCandidate>> DuplicatesAsync(Caller caller, int limit = 200, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var models = await db.Models.AsNoTracking()
            .Select(m => new { m.Id, m.Slug, m.Name, m.Lab, m.HuggingFaceId, Routes = m.Routes.Count })
            .ToListAsync(cancellationToken);
        var routes = await db.Routes.AsNoTracking().Select(r => new { r.ModelId, Provider = r.Provider.Slug, r.ProviderModelId }).ToListAsync(cancellationToken);

        var keys = new Dictionary<int, List<ModelKey>>();
        foreach (var m in models)
        {
            keys[m.Id] = [rules.Normalize("", m.Slug)];
        }

        foreach (var r in routes.Where(r => keys.ContainsKey(r.ModelId)))
        {
            keys[r.ModelId].Add(rules.Normalize(rules.CanonicalProvider(r.Provider), r.ProviderModelId));
        }

        var evidence = new Dictionary<(int, int), (List<string> Why, int Strength)>();
        void Note(IEnumerable<int> ids, string why, int strength)
        {
            var list = ids.Distinct().Order().ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var pair = (list[i], list[j]);
                    var entry = evidence.TryGetValue(pair, out var e) ? e : evidence[pair] = ([], 0);
                    if (!entry.Why.Contains(why))
                    {
                        entry.Why.Add(why);
                        evidence[pair] = (entry.Why, entry.Strength + strength);
                    }
                }
            }
        }

        foreach (var g in keys.SelectMany(k => k.Value.Select(v => (Model: k.Key, v.Full))).GroupBy(x => x.Full).Where(g => g.Select(x => x.Model).Distinct().Count() > 1))
        {
            Note(g.Select(x => x.Model), $"both are '{g.Key}' once provider spellings are taken off", 3);
        }

        // Different dated snapshots are kept apart on purpose, so the loose key keeps the snapshot.
        foreach (var g in keys.SelectMany(k => k.Value.Select(v => (Model: k.Key, Loose: v.Snapshot is null ? v.Loose : $"{v.Loose}@{v.Snapshot}")))
                     .GroupBy(x => x.Loose).Where(g => g.Select(x => x.Model).Distinct().Count() > 1))
        {
            Note(g.Select(x => x.Model), $"both are '{g.Key}' without instruction-tuning or chat tags", 1);
        }

        foreach (var g in models.Where(m => m.HuggingFaceId is not null).GroupBy(m => m.HuggingFaceId!.ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            Note(g.Select(m => m.Id), $"the same Hugging Face repository ({g.Key})", 3);
        }

        foreach (var g in models.GroupBy(m => IdentityRules.Tokenize(m.Name)).Where(g => g.Count() > 1))
        {
            Note(g.Select(m => m.Id), $"the same name ('{g.First().Name}')", 2);
        }

        var byId = models.ToDictionary(m => m.Id, m => new ModelSummary(m.Id, m.Slug, m.Name, m.Lab, m.Routes));
        return evidence
            .OrderByDescending(e => e.Value.Strength)
            .ThenBy(e => byId[e.Key.Item1].Name)
            .Take(limit)
            .Select(e => new DuplicateCandidate(byId[e.Key.Item1], byId[e.Key.Item2], e.Value.Why, e.Value.Strength))
            .ToList();
    }

    /// <summary>Moves <paramref name="fromSlug"/>'s routes, benchmarks and claims to <paramref name="intoSlug"/> and hides it; its spellings become aliases of the target.</summary>
    public async Task<IdentityChangeView> MergeAsync(Caller caller, string fromSlug, string intoSlug, CancellationToken cancellationToken = default)
    {
        var email = await RequireAdminAsync(caller, cancellationToken);
        if (string.Equals(fromSlug, intoSlug, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("Choose two different models to merge.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var from = await LoadAsync(db, fromSlug, cancellationToken);
        var into = await LoadAsync(db, intoSlug, cancellationToken);

        var movedRoutes = from.Routes.ToList();
        movedRoutes.ForEach(r => r.ModelId = into.Id);
        var movedBenchmarks = from.Benchmarks.Where(b => !into.Benchmarks.Any(t => t.Benchmark == b.Benchmark && t.Variant == b.Variant && t.SourceId == b.SourceId)).ToList();
        movedBenchmarks.ForEach(b => b.ModelId = into.Id);
        var movedClaims = from.Claims.Where(c => !into.Claims.Any(t => t.Field == c.Field && t.SourceId == c.SourceId)).ToList();
        movedClaims.ForEach(c => c.ModelId = into.Id);
        from.MergedIntoId = into.Id;
        from.Version = Guid.NewGuid();
        into.UpdatedAtUtc = Now;
        into.Version = Guid.NewGuid();

        var change = Log(db, IdentityChangeKind.Merge, $"Merged {from.Name} ({from.Slug}) into {into.Name} ({into.Slug}): {movedRoutes.Count} route(s)",
            into.Id, from.Id, new IdentityChangeRecord(movedRoutes.Select(r => r.Id).ToList(), movedBenchmarks.Select(b => b.Id).ToList(), movedClaims.Select(c => c.Id).ToList(), false), caller, email);
        await db.SaveChangesAsync(cancellationToken);

        // The merged model's spellings now mean the target, for every provider and every later import.
        var intoKeys = KeysOf(into).Select(k => k.Full).ToHashSet();
        foreach (var key in KeysOf(from).Select(k => k.Full).Distinct().Where(k => !intoKeys.Contains(k)))
        {
            db.ModelAliases.Add(new ModelAlias { Key = key, ModelId = into.Id, ChangeId = change.Id, CreatedAtUtc = Now });
        }

        foreach (var route in movedRoutes)
        {
            db.ModelAliases.Add(new ModelAlias { ProviderSlug = rules.CanonicalProvider(route.Provider.Slug), Key = route.ProviderModelId, ModelId = into.Id, ChangeId = change.Id, CreatedAtUtc = Now });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogChange(change.Summary, email);
        return ToView(change);
    }

    /// <summary>Moves one route off its model onto a new model of its own; an alias keeps it there on the next import.</summary>
    public async Task<IdentityChangeView> SplitAsync(Caller caller, string providerSlug, string providerModelId, string? newName = null, CancellationToken cancellationToken = default)
    {
        var email = await RequireAdminAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var route = await db.Routes.Include(r => r.Provider).Include(r => r.Model).ThenInclude(m => m.Routes)
            .SingleOrDefaultAsync(r => r.Provider.Slug == providerSlug && r.ProviderModelId == providerModelId, cancellationToken)
            ?? throw new NotFoundException($"No route is {providerSlug}: {providerModelId}.");
        var source = route.Model;
        if (source.Routes.Count == 1)
        {
            throw new InvalidInputException($"{providerModelId} is the only route of {source.Name}; there is nothing to split it from.");
        }

        var key = rules.Normalize(rules.CanonicalProvider(providerSlug), providerModelId);
        var taken = (await db.Models.IgnoreQueryFilters().Select(m => m.Slug).ToListAsync(cancellationToken)).ToHashSet();
        var slug = CatalogRules.UniqueSlug(taken, ImportJson.Slugify(key.Cleaned));

        var name = string.IsNullOrWhiteSpace(newName) ? key.Cleaned : newName.Trim();
        if (name.Length > 200)
        {
            throw new InvalidInputException("A model name has at most 200 characters.");
        }

        var manual = new CatalogSource { Kind = CatalogSourceKind.Manual, Name = $"Split by {email}", CreatedAtUtc = Now };
        var model = new CatalogModel
        {
            Slug = slug,
            Name = name,
            Lab = source.Lab,
            ContextWindow = route.ContextWindow,
            MaxOutputTokens = route.MaxOutputTokens,
            InputModalities = source.InputModalities,
            OutputModalities = source.OutputModalities,
            Source = manual,
            UpdatedAtUtc = Now,
        };
        db.Models.Add(model);
        route.Model = model;
        source.UpdatedAtUtc = Now;
        source.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);

        var change = Log(db, IdentityChangeKind.Split, $"Split {route.Provider.Name}: {providerModelId} off {source.Name} ({source.Slug}) into a new model, {name} ({slug})",
            model.Id, source.Id, new IdentityChangeRecord([route.Id], [], [], true), caller, email);
        await db.SaveChangesAsync(cancellationToken);
        db.ModelAliases.Add(new ModelAlias { ProviderSlug = rules.CanonicalProvider(providerSlug), Key = providerModelId, ModelId = model.Id, ChangeId = change.Id, CreatedAtUtc = Now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogChange(change.Summary, email);
        return ToView(change);
    }

    /// <summary>Places a route from the review queue: on <paramref name="intoSlug"/>, or on a new model when it is null.</summary>
    public async Task<IdentityChangeView> ResolveReviewAsync(Caller caller, int itemId, string? intoSlug, CancellationToken cancellationToken = default)
    {
        var email = await RequireAdminAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.CatalogReviewItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken)
            ?? throw new NotFoundException("That review item is gone; another administrator may have placed it.");
        var payload = JsonSerializer.Deserialize<ReviewPayload>(item.Payload)!;
        var imported = payload.Route;
        var provider = await db.Providers.SingleOrDefaultAsync(p => p.Slug == item.ProviderSlug, cancellationToken)
            ?? throw new NotFoundException($"The provider {item.ProviderSlug} is no longer in the catalog.");
        var source = new CatalogSource { Kind = CatalogSourceKind.Manual, Name = $"{item.SourceName}, placed by {email}", CreatedAtUtc = Now };

        CatalogModel model;
        var created = intoSlug is null;
        if (intoSlug is null)
        {
            var key = rules.Normalize(item.ProviderSlug, item.ProviderModelId);
            var taken = (await db.Models.IgnoreQueryFilters().Select(m => m.Slug).ToListAsync(cancellationToken)).ToHashSet();
            var slug = CatalogRules.UniqueSlug(taken, ImportJson.Slugify(key.Cleaned));
            var m = imported.Model;
            model = m.ToModel(slug, m.Name, rules.Lab(item.ProviderSlug, key, m.Lab, m.HuggingFaceId)?.Lab ?? m.Lab, source, Now);
            db.Models.Add(model);
        }
        else
        {
            model = await db.Models.SingleOrDefaultAsync(m => m.Slug == intoSlug, cancellationToken)
                ?? throw new NotFoundException($"No model has the slug '{intoSlug}'.");
        }

        var route = imported.ToRoute(model, provider, null, source, Now);
        db.Routes.Add(route);
        db.CatalogReviewItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);

        var change = Log(db, created ? IdentityChangeKind.ReviewNew : IdentityChangeKind.ReviewJoin,
            $"Placed {provider.Name}: {item.ProviderModelId} from the review queue on {(created ? "a new model, " : "")}{model.Name} ({model.Slug})",
            model.Id, null, new IdentityChangeRecord([route.Id], [], [], created) { Review = item.Payload, ReviewReason = item.Reason, ReviewCandidates = item.Candidates, ReviewSource = item.SourceName }, caller, email);
        await db.SaveChangesAsync(cancellationToken);
        db.ModelAliases.Add(new ModelAlias { ProviderSlug = item.ProviderSlug, Key = item.ProviderModelId, ModelId = model.Id, ChangeId = change.Id, CreatedAtUtc = Now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogChange(change.Summary, email);
        return ToView(change);
    }

    /// <summary>Reverses a merge, split or review decision: what moved goes back, the aliases it made are removed.</summary>
    public async Task<IdentityChangeView> UndoAsync(Caller caller, int changeId, CancellationToken cancellationToken = default)
    {
        var email = await RequireAdminAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var change = await db.CatalogIdentityChanges.SingleOrDefaultAsync(c => c.Id == changeId, cancellationToken)
            ?? throw new NotFoundException($"No catalog identity change has the number {changeId}.");
        if (change.UndoneAtUtc is not null)
        {
            throw new ConflictException($"This change was already undone by {change.UndoneByEmail}.");
        }

        var record = JsonSerializer.Deserialize<IdentityChangeRecord>(change.Record)!;
        var routes = await db.Routes.Where(r => record.RouteIds.Contains(r.Id) && r.ModelId == change.ModelId).ToListAsync(cancellationToken);
        switch (change.Kind)
        {
            case IdentityChangeKind.Merge:
                var merged = await db.Models.IgnoreQueryFilters().SingleAsync(m => m.Id == change.OtherModelId, cancellationToken);
                if (merged.MergedIntoId != change.ModelId)
                {
                    throw new ConflictException("The merged model has changed since; undo the later changes first.");
                }

                routes.ForEach(r => r.ModelId = merged.Id);
                await db.BenchmarkScores.Where(b => record.BenchmarkIds.Contains(b.Id) && b.ModelId == change.ModelId).ForEachAsync(b => b.ModelId = merged.Id, cancellationToken);
                await db.FactClaims.Where(c => record.ClaimIds.Contains(c.Id) && c.ModelId == change.ModelId).ForEachAsync(c => c.ModelId = merged.Id, cancellationToken);
                merged.MergedIntoId = null;
                merged.Version = Guid.NewGuid();
                break;
            case IdentityChangeKind.Split:
                var original = await db.Models.SingleOrDefaultAsync(m => m.Id == change.OtherModelId, cancellationToken)
                    ?? throw new ConflictException("The model the route was split from is gone or merged; undo that first.");
                routes.ForEach(r => r.ModelId = original.Id);
                await RemoveIfEmptyAsync(db, change.ModelId, record.RouteIds, cancellationToken);
                break;
            default:
                db.Routes.RemoveRange(routes);
                if (record.Review is not null)
                {
                    var payload = JsonSerializer.Deserialize<ReviewPayload>(record.Review)!;
                    db.CatalogReviewItems.Add(new CatalogReviewItem
                    {
                        ProviderSlug = payload.Route.ProviderSlug,
                        ProviderModelId = payload.Route.ProviderModelId,
                        Reason = record.ReviewReason ?? "returned by an undo",
                        Candidates = record.ReviewCandidates ?? "",
                        Payload = record.Review,
                        SourceName = record.ReviewSource ?? "",
                        CreatedAtUtc = Now,
                        UpdatedAtUtc = Now,
                    });
                }

                if (record.CreatedModel)
                {
                    await RemoveIfEmptyAsync(db, change.ModelId, record.RouteIds, cancellationToken);
                }

                break;
        }

        await db.ModelAliases.Where(a => a.ChangeId == change.Id).ExecuteDeleteAsync(cancellationToken);
        change.UndoneAtUtc = Now;
        change.UndoneByEmail = email;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogChange($"Undid: {change.Summary}", email);
        return ToView(change);
    }

    public async Task<IReadOnlyList<IdentityChangeView>> HistoryAsync(Caller caller, int limit = 100, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changes = await db.CatalogIdentityChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        return changes.Select(ToView).ToList();
    }

    public async Task<IReadOnlyList<ReviewItemView>> ReviewQueueAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.CatalogReviewItems.AsNoTracking().OrderBy(i => i.ProviderSlug).ThenBy(i => i.ProviderModelId).ToListAsync(cancellationToken);
        return items.Select(i => new ReviewItemView(i.Id, i.ProviderSlug, i.ProviderModelId, i.Reason,
            i.Candidates.Split(',', StringSplitOptions.RemoveEmptyEntries), i.SourceName, i.UpdatedAtUtc)).ToList();
    }

    /// <summary>A model's routes, for choosing one to split off.</summary>
    public async Task<IReadOnlyList<RouteSummary>> RoutesAsync(Caller caller, string slug, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var routes = await db.Routes.AsNoTracking().Where(r => r.Model.Slug == slug)
            .OrderBy(r => r.Provider.Name).ThenBy(r => r.ProviderModelId)
            .Select(r => new RouteSummary(r.Id, r.Provider.Slug, r.Provider.Name, r.ProviderModelId))
            .ToListAsync(cancellationToken);
        return routes;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<CatalogModel> LoadAsync(ModelHubDbContext db, string slug, CancellationToken cancellationToken) =>
        await db.Models
            .Include(m => m.Routes).ThenInclude(r => r.Provider)
            .Include(m => m.Benchmarks)
            .Include(m => m.Claims)
            .AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Slug == slug, cancellationToken)
        ?? throw new NotFoundException($"No model has the slug '{slug}'.");

    private IEnumerable<ModelKey> KeysOf(CatalogModel model) =>
        model.Routes.Select(r => rules.Normalize(rules.CanonicalProvider(r.Provider.Slug), r.ProviderModelId))
            .Append(rules.Normalize("", model.Slug));

    /// <summary>Deletes a model an undone change created, unless something else has been put on it since.</summary>
    private static async Task RemoveIfEmptyAsync(ModelHubDbContext db, int modelId, IReadOnlyList<int> movedRouteIds, CancellationToken cancellationToken)
    {
        var stillUsed = await db.Routes.AnyAsync(r => r.ModelId == modelId && !movedRouteIds.Contains(r.Id), cancellationToken)
            || await db.BenchmarkScores.AnyAsync(b => b.ModelId == modelId, cancellationToken)
            || await db.ModelAliases.AnyAsync(a => a.ModelId == modelId && a.ChangeId == null, cancellationToken);
        if (!stillUsed)
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Models.IgnoreQueryFilters().Where(m => m.Id == modelId).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private CatalogIdentityChange Log(ModelHubDbContext db, IdentityChangeKind kind, string summary, int modelId, int? otherModelId, IdentityChangeRecord record, Caller caller, string email)
    {
        var change = new CatalogIdentityChange
        {
            Kind = kind,
            Summary = summary.Length > 500 ? summary[..500] : summary,
            ModelId = modelId,
            OtherModelId = otherModelId,
            Record = JsonSerializer.Serialize(record),
            ByUserId = caller.UserId,
            ByEmail = email,
            AtUtc = Now,
        };
        db.CatalogIdentityChanges.Add(change);
        return change;
    }

    private static IdentityChangeView ToView(CatalogIdentityChange c) => new(c.Id, c.Kind, c.Summary, c.ByEmail, c.AtUtc, c.UndoneAtUtc, c.UndoneByEmail);

    private async Task<string> RequireAdminAsync(Caller caller, CancellationToken cancellationToken)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken) ?? caller.UserId;
    }

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.IsInstanceAdmin)
        {
            throw new ForbiddenException("Only an instance administrator can merge, split or review catalog models.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog identity: {Summary} (by {Email})")]
    private partial void LogChange(string summary, string email);
}
