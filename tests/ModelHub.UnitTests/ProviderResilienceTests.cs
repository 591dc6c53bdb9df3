using System.Net;
using System.Net.Http.Headers;
using ModelHub.Web.Features.Common.Outbound;
using ModelHub.Web.Features.Playground.Providers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ModelHub.UnitTests;

/// <summary>Which provider failures are retried, which pause a provider, and how Retry-After is read.</summary>
public sealed class ProviderResilienceTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void TransientStatusesWithoutRetryAfterAreRetried(HttpStatusCode status) =>
        Assert.True(ProviderResilience.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), MaxWait));

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public void AnswersThatWouldNotChangeAreNotRetried(HttpStatusCode status) =>
        Assert.False(ProviderResilience.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status)), MaxWait));

    [Fact]
    public void AShortRetryAfterInSecondsIsWaitedFor()
    {
        var response = RateLimited(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));

        Assert.True(ProviderResilience.ShouldRetry(Outcome.FromResult(response), MaxWait));
        Assert.Equal(TimeSpan.FromSeconds(3), ProviderResilience.RetryAfter(response));
    }

    [Fact]
    public void ARetryAfterDateIsReadAsTheWaitUntilThen()
    {
        var response = RateLimited(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(5)));

        Assert.True(ProviderResilience.ShouldRetry(Outcome.FromResult(response), MaxWait));
        Assert.InRange(ProviderResilience.RetryAfter(response)!.Value, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ARetryAfterDateInThePastMeansNoWait() =>
        Assert.Equal(TimeSpan.Zero, ProviderResilience.RetryAfter(RateLimited(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-1)))));

    [Fact]
    public void ALongRetryAfterInSecondsOrAsADateIsNotWaitedFor()
    {
        Assert.False(ProviderResilience.ShouldRetry(Outcome.FromResult(RateLimited(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)))), MaxWait));
        Assert.False(ProviderResilience.ShouldRetry(Outcome.FromResult(RateLimited(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(2)))), MaxWait));
    }

    [Fact]
    public void ARefusedConnectionAndAnAttemptTimeoutAreRetriedButABlockedAddressIsNot()
    {
        Assert.True(ProviderResilience.ShouldRetry(Failed(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")), MaxWait));
        Assert.True(ProviderResilience.ShouldRetry(Failed(new TimeoutRejectedException()), MaxWait));
        Assert.False(ProviderResilience.ShouldRetry(Failed(new HttpRequestException(HttpRequestError.ConnectionError, "blocked", new OutboundBlockedException("private address"))), MaxWait));
        Assert.False(ProviderResilience.ShouldRetry(Failed(new HttpRequestException(HttpRequestError.ResponseEnded, "ended after sending")), MaxWait));
        Assert.False(ProviderResilience.ShouldRetry(Failed(new OperationCanceledException()), MaxWait));
        Assert.False(ProviderResilience.ShouldRetry(Failed(new BrokenCircuitException()), MaxWait));
    }

    [Fact]
    public void OnlyTheProvidersOwnFailuresCountTowardsPausingIt()
    {
        Assert.True(ProviderResilience.IsProviderFailure(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable))));
        Assert.True(ProviderResilience.IsProviderFailure(Failed(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))));
        Assert.False(ProviderResilience.IsProviderFailure(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests))));
        Assert.False(ProviderResilience.IsProviderFailure(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized))));
        Assert.False(ProviderResilience.IsProviderFailure(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.OK))));
    }

    private static HttpResponseMessage RateLimited(RetryConditionHeaderValue retryAfter) =>
        new(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = retryAfter } };

    private static Outcome<HttpResponseMessage> Failed(Exception exception) => Outcome.FromException<HttpResponseMessage>(exception);
}
