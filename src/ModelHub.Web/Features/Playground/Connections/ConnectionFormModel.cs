using System.ComponentModel.DataAnnotations;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Playground.Connections;

/// <summary>What the add/edit form binds. The API key starts empty and is never filled from the stored one.</summary>
public sealed class ConnectionFormModel
{
    [Required(ErrorMessage = "Give the connection a name.")]
    [StringLength(PlaygroundRules.MaxConnectionNameLength, ErrorMessage = "Keep the name under {1} characters.")]
    public string Name { get; set; } = "";

    public ApiStyle ApiStyle { get; set; } = ApiStyle.OpenAiCompatible;

    [Required(ErrorMessage = "Enter the provider's base URL.")]
    [StringLength(PlaygroundRules.MaxUrlLength, ErrorMessage = "Keep the URL under {1} characters.")]
    public string BaseUrl { get; set; } = "";

    [StringLength(PlaygroundRules.MaxApiKeyLength, ErrorMessage = "That key is longer than any provider's.")]
    public string? ApiKey { get; set; }

    public string? ExtraHeaders { get; set; }

    public bool RemoveHeaders { get; set; }

    public int? CatalogProviderId { get; set; }

    public string UrlHint => ApiStyle switch
    {
        ApiStyle.Anthropic => "https://api.anthropic.com",
        ApiStyle.Replicate => "https://api.replicate.com",
        _ => "https://api.openai.com/v1",
    };

    /// <summary>The form for changing a connection: everything but its secrets.</summary>
    public static ConnectionFormModel From(ConnectionView connection) => new()
    {
        Name = connection.Name,
        ApiStyle = connection.ApiStyle,
        BaseUrl = connection.BaseUrl,
        CatalogProviderId = connection.CatalogProviderId,
    };

    /// <summary>What the service takes; an <see cref="InvalidInputException"/> names a malformed header line.</summary>
    public ConnectionInput ToInput(Guid? version)
    {
        var headers = RemoveHeaders ? new Dictionary<string, string>() : ParseHeaders(ExtraHeaders);
        return new ConnectionInput(Name, ApiStyle, BaseUrl, ApiKey, headers, CatalogProviderId, version);
    }

    /// <summary>"Name: value" lines; nothing typed means keep what is stored.</summary>
    public static Dictionary<string, string>? ParseHeaders(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new InvalidInputException($"'{line}' is not a header: write it as Name: value.");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }
}
