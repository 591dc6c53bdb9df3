using Microsoft.AspNetCore.Http.Features;

namespace ModelHub.Web.Features.Common;

/// <summary>The request body is larger than the endpoint accepts.</summary>
public sealed class PayloadTooLargeException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status413PayloadTooLarge;
}

/// <summary>The most bytes a request body to this endpoint may have, when it needs more than <see cref="RequestBodyLimits.DefaultApiBytes"/>.</summary>
public sealed record RequestBodyLimit(Func<IServiceProvider, long> MaxBytes);

/// <summary>
/// Caps API request bodies before they are read: 2 MB unless the endpoint carries a <see cref="RequestBodyLimit"/>.
/// A declared Content-Length over the cap is refused at once; a body without one is counted as it is read.
/// Either way the answer is 413 problem+json through <see cref="UserFacingExceptionHandler"/>.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultApiBytes = 2 * 1024 * 1024;

    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, Func<IServiceProvider, long> maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(maxBytes));

    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                return next(context);
            }

            var max = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.MaxBytes(context.RequestServices) ?? DefaultApiBytes;
            if (context.Request.ContentLength > max)
            {
                throw TooLarge(max);
            }

            // This cap replaces the server-wide one for the API, as [RequestSizeLimit] would, so that a body
            // sent in chunks gets the same 413 problem answer as one with a Content-Length.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = null;
            }

            context.Request.Body = new CountedStream(context.Request.Body, max);
            return next(context);
        });
        return app;
    }

    private static PayloadTooLargeException TooLarge(long max) =>
        new($"The request body is larger than {max / (1024.0 * 1024):0.#} MB, the most this endpoint accepts.");

    private sealed class CountedStream(Stream inner, long max) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            return read > max ? throw TooLarge(max) : bytes;
        }
    }
}
