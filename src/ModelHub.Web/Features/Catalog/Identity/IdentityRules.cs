using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelHub.Web.Features.Catalog.Identity;

/// <summary>
/// What a provider's model ID says once the provider's own spelling is taken off. <see cref="Base"/>
/// names the model (lower case, one dash between words and numbers: "claude-haiku-3-5");
/// <see cref="Snapshot"/> is a dated snapshot ("20241022") or null; <see cref="Loose"/> is the base
/// without instruction-tuning tags, used only when the strict key finds nothing. <see cref="Cleaned"/>
/// is the ID without the provider's additions but in its own spelling, for a new model's slug.
/// </summary>
public sealed record ModelKey(
    string Cleaned,
    string Base,
    string? Snapshot,
    bool IsLatest,
    string Loose,
    IReadOnlyList<string> Organisations,
    IReadOnlyList<string> RulesApplied,
    string? Quantization)
{
    /// <summary>The key an alias stores: the base, and the snapshot after an @.</summary>
    public string Full => Snapshot is null ? Base : $"{Base}@{Snapshot}";

    public bool IsDated => Snapshot is not null;
}

public sealed record LabMatch(string Lab, string Evidence);

/// <summary>
/// The identity data (catalog-identity.json, plus an administrator's extra file) compiled for use:
/// provider aliases, ID normalisation and lab evidence. Immutable and shared.
/// </summary>
public sealed partial class IdentityRules
{
    public const string ResourceName = "catalog-identity.json";

    private readonly Dictionary<string, ProviderEntry> providersBySlug = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> providerAliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Prefix, string Slug)> providerAliasPrefixes = [];
    private readonly List<VariantRule> routeVariants = [];
    private readonly List<RewriteRule> rewrites = [];
    private readonly List<SnapshotRule> snapshots = [];
    private readonly Regex looseTokens;
    private readonly string looseName;
    private readonly HashSet<string> regions;
    private readonly HashSet<string> vendors;
    private readonly string vendorRuleName;
    private readonly HashSet<string> pathWords;
    private readonly List<LabEntry> labs = [];
    private readonly Dictionary<string, LabEntry> labsByOrg = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LabEntry> labsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Family, LabEntry Lab)> families = [];

    private IdentityRules(IReadOnlyList<IdentityFile> files)
    {
        foreach (var file in files)
        {
            foreach (var p in file.Providers ?? [])
            {
                var entry = providersBySlug.TryGetValue(p.Slug, out var known) ? known : providersBySlug[p.Slug] = new ProviderEntry(p.Slug, p.Name ?? p.Slug, p.Lab);
                foreach (var alias in p.Aliases ?? [])
                {
                    if (alias.EndsWith('*'))
                    {
                        providerAliasPrefixes.Add((alias[..^1], entry.Slug));
                    }
                    else
                    {
                        providerAliases[alias] = entry.Slug;
                    }
                }
            }

            foreach (var lab in file.Labs ?? [])
            {
                var entry = labsByName.TryGetValue(lab.Name, out var known) ? known : new LabEntry(lab.Name);
                if (known is null)
                {
                    labs.Add(entry);
                    labsByName[lab.Name] = entry;
                }

                foreach (var name in lab.Names ?? [])
                {
                    labsByName.TryAdd(name, entry);
                }

                foreach (var org in lab.Orgs ?? [])
                {
                    labsByOrg.TryAdd(org, entry);
                    labsByOrg.TryAdd(Tokenize(org), entry);
                }

                foreach (var family in lab.Families ?? [])
                {
                    families.Add((Tokenize(family), entry));
                }
            }

            routeVariants.AddRange((file.RouteVariants ?? []).Select(v => new VariantRule(v.Name, Compile(v.Pattern, v.Name), v.Providers?.ToHashSet(StringComparer.OrdinalIgnoreCase), v.Quantization)));
            rewrites.AddRange((file.Rewrites ?? []).Select(r => new RewriteRule(r.Name, Compile(r.Pattern, r.Name), r.Replacement ?? "")));
            snapshots.AddRange((file.Snapshots ?? []).Select(s => new SnapshotRule(s.Name, Compile(s.Pattern, s.Name), s.Kind == "latest")));
        }

        var first = files[0];
        looseTokens = Compile(first.LooseTokens?.Pattern ?? "(?!)", "looseTokens");
        looseName = first.LooseTokens?.Name ?? "loose";
        regions = files.SelectMany(f => f.VendorPrefixes?.Regions ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        vendors = files.SelectMany(f => f.VendorPrefixes?.Vendors ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        vendorRuleName = first.VendorPrefixes?.Name ?? "vendor prefix";
        pathWords = files.SelectMany(f => f.PathWords ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Longest family first, so "llama-nemotron" (NVIDIA) wins over "llama" (Meta).
        families.Sort((a, b) => b.Family.Length.CompareTo(a.Family.Length));
    }

    /// <summary>The shipped rules, plus the extra file an administrator names, if any.</summary>
    public static IdentityRules Load(string? extraRulesFile = null)
    {
        using var stream = typeof(IdentityRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var files = new List<IdentityFile> { Read(stream, ResourceName) };
        if (!string.IsNullOrWhiteSpace(extraRulesFile))
        {
            if (!File.Exists(extraRulesFile))
            {
                throw new StartupConfigurationException($"Catalog:Identity:ExtraRulesFile names '{extraRulesFile}', which does not exist.");
            }

            using var extra = File.OpenRead(extraRulesFile);
            files.Add(Read(extra, extraRulesFile));
        }

        return new IdentityRules(files);
    }

    /// <summary>The one slug of a provider whatever a file calls it ("bedrock" and "amazon-bedrock" are both Amazon Bedrock).</summary>
    public string CanonicalProvider(string slug)
    {
        slug = slug.Trim().Replace('_', '-').ToLowerInvariant();
        if (providersBySlug.ContainsKey(slug))
        {
            return providersBySlug[slug].Slug;
        }

        if (providerAliases.TryGetValue(slug, out var canonical))
        {
            return canonical;
        }

        foreach (var (prefix, target) in providerAliasPrefixes)
        {
            if (slug.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return target;
            }
        }

        return slug;
    }

    public string? ProviderName(string canonicalSlug) => providersBySlug.TryGetValue(canonicalSlug, out var p) ? p.Name : null;

    /// <summary>The lab of a provider that serves only its own models (Anthropic, OpenAI, Mistral), or null.</summary>
    public string? FirstPartyLab(string canonicalSlug) => providersBySlug.TryGetValue(canonicalSlug, out var p) ? p.Lab : null;

    /// <summary>The catalog's name for a lab a file names ("Z.AI" and "THUDM" are Zhipu AI (Z.ai)); null when the name is not known.</summary>
    public string? KnownLab(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : labsByName.TryGetValue(name.Trim(), out var lab) ? lab.Name : null;

    /// <summary>
    /// Takes off what the provider adds (route variants, paths and organisations, cloud prefixes),
    /// evens out spelling (case, separators, "p" and "v" in versions) and splits off a snapshot date.
    /// </summary>
    public ModelKey Normalize(string canonicalProvider, string providerModelId)
    {
        var applied = new List<string>();
        var organisations = new List<string>();
        string? quantization = null;
        var id = providerModelId.Trim().ToLowerInvariant();

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var rule in routeVariants)
            {
                if ((rule.Providers is null || rule.Providers.Contains(canonicalProvider)) && rule.Pattern.IsMatch(id))
                {
                    id = rule.Pattern.Replace(id, "", 1);
                    applied.Add(rule.Name);
                    quantization ??= rule.Quantization ?? QuantizationSuffix(rule.Name, providerModelId);
                    changed = true;
                }
            }
        }

        if (id.StartsWith("hf:", StringComparison.Ordinal))
        {
            id = id[3..];
            applied.Add("hf: prefix");
        }

        var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (segments.Length > 1)
        {
            foreach (var segment in segments[..^1])
            {
                if (!pathWords.Contains(segment) && CanonicalProvider(segment) != canonicalProvider)
                {
                    organisations.Add(segment);
                }
            }

            id = segments[^1];
            applied.Add(organisations.Count > 0 ? "organisation prefix" : "provider path");
        }

        string? vendor = null;
        var dotted = id.Split('.');
        if (dotted.Length > 2 && regions.Contains(dotted[0]) && vendors.Contains(dotted[1]))
        {
            id = id[(dotted[0].Length + 1)..];
            applied.Add("cloud region prefix");
            dotted = dotted[1..];
        }

        if (dotted.Length > 1 && vendors.Contains(dotted[0]) && !char.IsDigit(dotted[1].FirstOrDefault()))
        {
            vendor = dotted[0];
            organisations.Add(vendor);
            id = id[(vendor.Length + 1)..];
            applied.Add(vendorRuleName);
        }

        var cleaned = id;
        var key = Tokenize(id);
        foreach (var rule in rewrites)
        {
            var rewritten = rule.Pattern.Replace(key, rule.Replacement);
            if (rewritten != key)
            {
                applied.Add(rule.Name);
                key = rewritten;
            }
        }

        // "meta-llama-3", "cohere-command-r", "qwen-qwq": a lab's name before its own family adds nothing.
        if (LeadingOrganisation(key) is { } redundant)
        {
            key = key[(redundant.Length + 1)..];
            applied.Add("lab name before its family");
        }

        // "deepseek.r1" on Bedrock: the vendor prefix was the only place the family was named.
        if (vendor is not null && labsByOrg.TryGetValue(vendor, out var vendorLab) && FamilyOf(key)?.Lab != vendorLab)
        {
            key = $"{Tokenize(vendor)}-{key}";
        }

        string? snapshot = null;
        var latest = false;
        foreach (var rule in snapshots)
        {
            var match = rule.Pattern.Match(key);
            if (match.Success && match.Index > 0)
            {
                key = key[..match.Index];
                applied.Add(rule.Name);
                if (rule.IsLatest)
                {
                    latest = true;
                }
                else
                {
                    snapshot = string.Concat(match.Groups.Cast<Group>().Skip(1).Select(g => g.Value));
                }

                break;
            }
        }

        var loose = looseTokens.Replace(key, "").Trim('-');
        return new ModelKey(cleaned, key, snapshot, latest, loose.Length == 0 ? key : loose, organisations, applied, quantization);
    }

    /// <summary>What the rule that made a loose match is called, for the reason shown to an administrator.</summary>
    public string LooseRuleName => looseName;

    /// <summary>
    /// The lab from the strongest evidence: a known organisation in the ID, the Hugging Face
    /// organisation, the model family, a first-party provider, the lab the file names, then an
    /// unknown organisation as written. Null when nothing applies.
    /// </summary>
    public LabMatch? Lab(string canonicalProvider, ModelKey key, string? fileLab, string? huggingFaceId)
    {
        foreach (var org in key.Organisations)
        {
            if (labsByOrg.TryGetValue(org, out var lab))
            {
                return new LabMatch(lab.Name, $"organisation '{org}' in the ID");
            }
        }

        var hfOrg = huggingFaceId?.Split('/') is [var o, _] ? o : null;
        if (hfOrg is not null && labsByOrg.TryGetValue(hfOrg, out var hfLab))
        {
            return new LabMatch(hfLab.Name, $"Hugging Face organisation '{hfOrg}'");
        }

        if (FamilyOf(key.Base) is { } family)
        {
            return new LabMatch(family.Lab.Name, $"model family '{family.Family}'");
        }

        if (FirstPartyLab(canonicalProvider) is { } firstParty)
        {
            return new LabMatch(firstParty, $"served by its own lab ({canonicalProvider})");
        }

        if (!string.IsNullOrWhiteSpace(fileLab) && !fileLab.StartsWith("Unknown", StringComparison.Ordinal))
        {
            return new LabMatch(KnownLab(fileLab) ?? fileLab.Trim(), $"the file names the lab '{fileLab.Trim()}'");
        }

        // An organisation that is only a provider's name ("openrouter/auto") says who serves it, not who made it.
        var unknownOrg = key.Organisations.FirstOrDefault(o => !providersBySlug.ContainsKey(CanonicalProvider(o))) ?? hfOrg;
        return unknownOrg is null ? null : new LabMatch(unknownOrg, $"organisation '{unknownOrg}' in the ID");
    }

    /// <summary>Lower case, one dash between runs of letters and runs of digits: "Llama-3.1-8B" becomes "llama-3-1-8-b".</summary>
    public static string Tokenize(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        var previous = ' ';
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            var isLetter = c is >= 'a' and <= 'z';
            var isDigit = c is >= '0' and <= '9';
            if (!isLetter && !isDigit)
            {
                previous = ' ';
                continue;
            }

            var boundary = previous == ' ' || (char.IsDigit(previous) != isDigit);
            if (boundary && result.Length > 0)
            {
                result.Append('-');
            }

            result.Append(c);
            previous = c;
        }

        return result.ToString();
    }

    private string? LeadingOrganisation(string key)
    {
        var dash = key.IndexOf('-');
        for (; dash > 0; dash = key.IndexOf('-', dash + 1))
        {
            var org = key[..dash];
            if (labsByOrg.TryGetValue(org, out var lab) && FamilyOf(key[(dash + 1)..]) is { } family && family.Lab == lab)
            {
                return org;
            }
        }

        return null;
    }

    private (string Family, LabEntry Lab)? FamilyOf(string key)
    {
        foreach (var (family, lab) in families)
        {
            if (key == family || key.StartsWith(family + "-", StringComparison.Ordinal))
            {
                return (family, lab);
            }
        }

        return null;
    }

    private static string? QuantizationSuffix(string ruleName, string providerModelId) =>
        ruleName.StartsWith("quantisation", StringComparison.Ordinal) ? providerModelId.Split('-')[^1].ToUpperInvariant() : null;

    private static Regex Compile(string pattern, string name)
    {
        try
        {
            // The timeout guards against an administrator's pattern that backtracks without end; IDs are short,
            // so a shipped pattern takes microseconds, and a busy machine must not trip it.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException ex)
        {
            throw new StartupConfigurationException($"The identity rule '{name}' has an invalid pattern: {ex.Message}");
        }
    }

    private static IdentityFile Read(Stream stream, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<IdentityFile>(stream, JsonOptions) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException ex)
        {
            throw new StartupConfigurationException($"The identity rules file {name} cannot be read: {ex.Message}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private sealed record ProviderEntry(string Slug, string Name, string? Lab);

    private sealed record LabEntry(string Name);

    private sealed record VariantRule(string Name, Regex Pattern, HashSet<string>? Providers, string? Quantization);

    private sealed record RewriteRule(string Name, Regex Pattern, string Replacement);

    private sealed record SnapshotRule(string Name, Regex Pattern, bool IsLatest);

    private sealed record IdentityFile(
        List<ProviderJson>? Providers,
        List<LabJson>? Labs,
        List<PatternJson>? RouteVariants,
        List<PatternJson>? Rewrites,
        List<PatternJson>? Snapshots,
        PatternJson? LooseTokens,
        VendorJson? VendorPrefixes,
        List<string>? PathWords);

    private sealed record ProviderJson(string Slug, string? Name, List<string>? Aliases, string? Lab);

    private sealed record LabJson(string Name, List<string>? Names, List<string>? Orgs, List<string>? Families);

    private sealed record PatternJson(string Name, string Pattern, string? Replacement, string? Kind, List<string>? Providers, string? Quantization);

    private sealed record VendorJson(string? Name, List<string>? Regions, List<string>? Vendors);
}
