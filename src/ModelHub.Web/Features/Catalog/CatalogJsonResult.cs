using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ModelHub.Web.Features.Catalog;

/// <summary>The serializer settings of the catalog API, made once: the app's (camelCase, enums by name), and for list pages the same without nulls.</summary>
public sealed class CatalogApiJson(IOptions<JsonOptions> app)
{
    public JsonSerializerOptions Details { get; } = app.Value.SerializerOptions;

    public JsonSerializerOptions List { get; } = new(app.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}

/// <summary>
/// A catalog answer as JSON with a strong ETag (a hash of the body), answered 304 without a body when
/// <c>If-None-Match</c> holds it, and compressed with brotli or gzip when the client accepts one.
/// Compression happens here rather than in the response compression middleware because that middleware keeps one
/// strong ETag for every content coding (RFC 9110 8.8.3 wants one per representation; this appends the coding),
/// and because it stays off the API answers that carry secrets (BREACH); the catalog holds none.
/// </summary>
public sealed class CatalogJsonResult<T>(T value, JsonSerializerOptions options) : IResult
{
    /// <summary>Smaller bodies gain too little from compression to pay for it.</summary>
    private const int CompressAbove = 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var coding = body.Length > CompressAbove ? ChooseCoding(request) : null;
        var etag = new EntityTagHeaderValue($"\"{Hash(body)}{(coding is null ? "" : "-" + coding)}\"");

        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (coding is not null)
        {
            body = Compress(body, coding);
            response.Headers.ContentEncoding = coding;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static string Hash(byte[] body) => System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 16));

    /// <summary>brotli or gzip, whichever the client weighs higher (brotli on a tie); null for neither.</summary>
    private static string? ChooseCoding(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (accepted.Count == 0)
        {
            return null;
        }

        double Quality(string coding)
        {
            var entry = accepted.FirstOrDefault(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
            return entry is null ? 0 : entry.Quality ?? 1;
        }

        var brotli = Quality("br");
        var gzip = Quality("gzip");
        return brotli <= 0 && gzip <= 0 ? null : brotli >= gzip ? "br" : "gzip";
    }

    private static byte[] Compress(byte[] body, string coding)
    {
        using var buffer = new MemoryStream(body.Length / 4);
        using (Stream compressor = coding == "br"
            ? new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true)
            : new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(body);
        }

        return buffer.ToArray();
    }
}
