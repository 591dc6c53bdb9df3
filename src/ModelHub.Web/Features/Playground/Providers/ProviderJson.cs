using System.Text.Json.Nodes;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>Small readers and writers for the JSON the adapters send and receive, tolerant of missing or mistyped fields.</summary>
internal static class ProviderJson
{
    internal static void Set<T>(JsonObject body, string name, T? value) where T : struct
    {
        if (value is { } v)
        {
            body[name] = JsonValue.Create(v);
        }
    }

    internal static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    internal static int? Int(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
