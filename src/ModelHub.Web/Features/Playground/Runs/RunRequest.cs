using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelHub.Web.Features.Playground.Runs;

public enum ChatRole
{
    User = 0,
    Assistant = 1,
}

/// <summary>An image sent with a message, as base64 of the file's bytes.</summary>
public sealed record ImageAttachment(
    [property: Description("image/png, image/jpeg, image/gif or image/webp")] string MediaType,
    [property: Description("The file's bytes, base64-encoded")] string Base64Data,
    string? FileName = null);

public sealed record ChatMessage(ChatRole Role, string Text, IReadOnlyList<ImageAttachment>? Images = null);

public sealed record RunParameters(
    double? Temperature = null,
    double? TopP = null,
    int? MaxOutputTokens = null,
    IReadOnlyList<string>? Stop = null,
    long? Seed = null,
    [property: Description("Ask for a JSON object as the answer")] bool JsonResponse = false);

/// <summary>
/// What to run on: a connection with either a catalog route (priced from the catalog) or a model ID
/// typed by hand (priced when the connection's provider has a route with that ID).
/// </summary>
public sealed record RunTargetRequest(Guid ConnectionId, int? RouteId = null, string? ModelId = null);

public sealed record RunRequest(
    IReadOnlyList<RunTargetRequest> Targets,
    IReadOnlyList<ChatMessage> Messages,
    string? SystemPrompt = null,
    RunParameters? Parameters = null);

/// <summary>How the request part of a run is kept in the database.</summary>
internal static class RunJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
