using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace ModelHub.IntegrationTests;

/// <summary>
/// Lints <c>/openapi/v1.json</c> with the error-level rules of Redocly's recommended rule set (and the
/// warnings a generated client depends on), written out here since the Redocly CLI cannot be fetched in a test.
/// </summary>
public sealed partial class OpenApiLintTests : IntegrationTest
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task TheApiDocumentPassesRedoclysRecommendedRules()
    {
        using var document = JsonDocument.Parse(await FetchDocumentAsync());

        var violations = Lint(document.RootElement);

        Assert.True(violations.Count == 0, $"{violations.Count} OpenAPI lint errors:\n{string.Join('\n', violations)}");
    }

    [Fact]
    public async Task TheApiDocumentListsOnlyApiCallsAndDeclaresTheBearerScheme()
    {
        using var document = JsonDocument.Parse(await FetchDocumentAsync());
        var root = document.RootElement;

        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(paths, p => p.StartsWith("/Account", StringComparison.OrdinalIgnoreCase));
        Assert.All(paths, p => Assert.StartsWith("/api/", p));
        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(root.GetProperty("security")[0].TryGetProperty("bearer", out _), "the document does not require the bearer scheme");
        Assert.Equal("http://localhost", root.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheApiDocumentReadsWithoutErrorsInOpenApiNet()
    {
        var result = OpenApiDocument.Parse(await FetchDocumentAsync(), "json");

        Assert.Empty(result.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? Enumerable.Empty<string>());
        Assert.NotNull(result.Document);
    }

    private async Task<string> FetchDocumentAsync() =>
        await (await app.CreateApiClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

    private static List<string> Lint(JsonElement root)
    {
        var violations = new List<string>();
        void Report(string rule, string where, string problem) => violations.Add($"{rule}: {where}: {problem}");

        // spec: the parts every document needs.
        if (!Text(root, "openapi").StartsWith("3.", StringComparison.Ordinal))
        {
            Report("spec", "openapi", $"version '{Text(root, "openapi")}' is not 3.x");
        }

        if (!root.TryGetProperty("info", out var info) || Text(info, "title") == "" || Text(info, "version") == "")
        {
            Report("spec", "info", "title and version are required");
        }

        // no-empty-servers, no-server-trailing-slash
        if (!root.TryGetProperty("servers", out var servers) || servers.GetArrayLength() == 0)
        {
            Report("no-empty-servers", "servers", "no server is declared");
        }
        else
        {
            foreach (var server in servers.EnumerateArray().Select(s => Text(s, "url")).Where(u => u.Length > 1 && u.EndsWith('/')))
            {
                Report("no-server-trailing-slash", server, "the server URL ends with a slash");
            }
        }

        var schemes = root.TryGetProperty("components", out var components) && components.TryGetProperty("securitySchemes", out var s)
            ? s.EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];
        var globalSecurity = root.TryGetProperty("security", out var global) ? global : (JsonElement?)null;
        CheckSecurity(globalSecurity, "document", schemes, Report);

        var operationIds = new Dictionary<string, string>();
        var templates = new Dictionary<string, string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var route = path.Name;
            if (route.Contains("{}", StringComparison.Ordinal))
            {
                Report("path-declaration-must-exist", route, "an empty {} in the path");
            }

            if (route.Length > 1 && route.EndsWith('/'))
            {
                Report("no-path-trailing-slash", route, "the path ends with a slash");
            }

            if (route.Contains('?', StringComparison.Ordinal))
            {
                Report("path-not-include-query", route, "the path carries a query string");
            }

            var template = PathParameter().Replace(route, "{}");
            if (!templates.TryAdd(template, route))
            {
                Report("no-identical-paths", route, $"identical to {templates[template]}");
            }

            var pathLevel = Parameters(path.Value);
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var where = $"{method.ToUpperInvariant()} {route}";
                var operationId = Text(operation, "operationId");
                if (operationId == "")
                {
                    Report("operation-operationId", where, "no operationId");
                }
                else
                {
                    if (!operationIds.TryAdd(operationId, where))
                    {
                        Report("operation-operationId-unique", where, $"operationId '{operationId}' is also {operationIds[operationId]}'s");
                    }

                    if (!UrlSafe().IsMatch(operationId))
                    {
                        Report("operation-operationId-url-safe", where, $"operationId '{operationId}' is not URL-safe");
                    }
                }

                if (Text(operation, "summary").Trim() == "")
                {
                    Report("operation-summary", where, "no summary");
                }

                var own = Parameters(operation);
                foreach (var duplicate in own.GroupBy(p => p).Where(g => g.Count() > 1))
                {
                    Report("operation-parameters-unique", where, $"parameter {duplicate.Key} is declared twice");
                }

                // path-parameters-defined: each {name} in the path is a path parameter, and each path parameter is in the path.
                var inTemplate = PathParameter().Matches(route).Select(m => m.Groups[1].Value).ToHashSet();
                var declared = pathLevel.Concat(own).Where(p => p.In == "path").Select(p => p.Name).ToHashSet();
                foreach (var missing in inTemplate.Except(declared))
                {
                    Report("path-parameters-defined", where, $"{{{missing}}} is not declared as a path parameter");
                }

                foreach (var extra in declared.Except(inTemplate))
                {
                    Report("path-parameters-defined", where, $"path parameter '{extra}' is not in the path");
                }

                var responses = operation.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToList() : [];
                if (!responses.Any(c => c.Name.StartsWith('2')))
                {
                    Report("operation-2xx-response", where, "no 2xx response");
                }

                var errors = responses.Where(c => c.Name.StartsWith('4')).ToList();
                if (errors.Count == 0)
                {
                    Report("operation-4xx-response", where, "no 4xx response");
                }

                foreach (var error in errors.Where(e => !e.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _)))
                {
                    Report("problem-json", where, $"{error.Name} is not application/problem+json");
                }

                foreach (var response in responses.Where(c => Text(c.Value, "description") == ""))
                {
                    Report("spec", where, $"response {response.Name} has no description");
                }

                CheckSecurity(operation.TryGetProperty("security", out var operationSecurity) ? operationSecurity : globalSecurity, where, schemes, Report);
            }
        }

        // no-unresolved-refs
        foreach (var reference in References(root).Distinct())
        {
            if (!Resolves(root, reference))
            {
                Report("no-unresolved-refs", reference, "the $ref points at nothing");
            }
        }

        return violations;
    }

    // security-defined: every operation names a security requirement, and every requirement names a declared scheme.
    private static void CheckSecurity(JsonElement? security, string where, HashSet<string> schemes, Action<string, string, string> report)
    {
        if (security is not { ValueKind: JsonValueKind.Array } requirements)
        {
            if (where != "document")
            {
                report("security-defined", where, "no security requirement");
            }

            return;
        }

        foreach (var scheme in requirements.EnumerateArray().SelectMany(r => r.EnumerateObject()).Where(p => !schemes.Contains(p.Name)))
        {
            report("security-defined", where, $"security scheme '{scheme.Name}' is not declared");
        }
    }

    private static List<(string Name, string In)> Parameters(JsonElement owner) =>
        owner.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => (Text(p, "name"), Text(p, "in"))).ToList()
            : [];

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };

    private static bool Resolves(JsonElement root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return false;
        }

        var current = root;
        foreach (var token in reference[2..].Split('/').Select(t => Uri.UnescapeDataString(t).Replace("~1", "/").Replace("~0", "~")))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(token, out current))
            {
                return false;
            }
        }

        return true;
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex PathParameter();

    // Redocly's operation-operationId-url-safe: RFC 3986 unreserved and reserved characters only.
    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$")]
    private static partial Regex UrlSafe();
}
