using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelHub.Web.Features.Catalog.Import;

/// <summary>Reads an import file as JSON, turning every way it can be wrong into a message that says where.</summary>
internal static partial class ImportJson
{
    /// <summary>The largest file accepted; the public catalogs are 1 to 2 MB.</summary>
    public const long MaxBytes = 25 * 1024 * 1024;

    public static async Task<JsonDocument> ParseAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ImportFileException($"The file is larger than {MaxBytes / 1024 / 1024} MB, the most an import accepts.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new ImportFileException("The file is empty.");
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var truncated = ex.Message.Contains("end of", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("depth to be zero", StringComparison.OrdinalIgnoreCase);
            throw new ImportFileException(truncated
                ? $"The file ends before its JSON is complete (line {line}): it looks truncated. Download it again."
                : $"The file is not valid JSON at line {line}, position {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
    }

    public static string? String(JsonElement parent, string name, string entry) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new ImportFileException($"{entry}: '{name}' must be text, not {Describe(value)}."),
        } : null;

    public static bool? Bool(JsonElement parent, string name, string entry) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw new ImportFileException($"{entry}: '{name}' must be true or false, not {Describe(value)}."),
        } : null;

    public static int? Int(JsonElement parent, string name, string entry)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= 0 && number <= int.MaxValue)
        {
            return number == 0 ? null : (int)number;
        }

        throw new ImportFileException($"{entry}: '{name}' must be a whole number of tokens, not {Describe(value)}.");
    }

    /// <summary>A price that is a JSON number or (as OpenRouter writes them) a numeric string; -1 means "varies" and reads as unknown.</summary>
    public static decimal? Price(JsonElement parent, string name, string entry, decimal scale)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        decimal raw;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            raw = number;
        }
        else if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            raw = parsed;
        }
        else
        {
            throw new ImportFileException($"{entry}: '{name}' must be a price, not {Describe(value)}.");
        }

        if (raw == -1)
        {
            return null;
        }

        if (raw < 0)
        {
            throw new ImportFileException($"{entry}: '{name}' is negative ({raw.ToString(CultureInfo.InvariantCulture)}); a price cannot be.");
        }

        return decimal.Round(raw * scale, 6);
    }

    public static DateOnly? Date(JsonElement parent, string name, string entry)
    {
        var text = String(parent, name, entry);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ImportFileException($"{entry}: '{name}' must be a date like 2025-06-30, not \"{text}\".");
    }

    public static Modality Modalities(JsonElement parent, string name, string entry)
    {
        if (!parent.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return Modality.None;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new ImportFileException($"{entry}: '{name}' must be a list, not {Describe(list)}.");
        }

        var result = Modality.None;
        foreach (var item in list.EnumerateArray())
        {
            result |= item.GetString()?.ToLowerInvariant() switch
            {
                "text" => Modality.Text,
                "image" => Modality.Image,
                "audio" => Modality.Audio,
                "video" => Modality.Video,
                "pdf" or "file" => Modality.File,
                _ => Modality.None,
            };
        }

        return result;
    }

    /// <summary>A slug for a model from a provider's ID: the last path segment, without a ":variant" suffix.</summary>
    public static string Slugify(string modelId)
    {
        var tail = modelId.Split('/')[^1].Split(':')[0];
        var slug = NotSlug().Replace(tail.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > CatalogRules.MaxSlugLength ? slug[..CatalogRules.MaxSlugLength] : slug;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(value.GetString() ?? "")}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => Truncate(value.GetRawText()),
    };

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("[^a-z0-9.]+")]
    private static partial Regex NotSlug();
}
