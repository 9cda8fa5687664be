using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Identities.Client.Internal;

namespace Identities.Client;

/// <summary>
/// The Identities REST API for .NET: the contract's four face operations and Person Management. One instance
/// per base URL and user is meant to live as long as the application (it is thread-safe); it logs in, renews
/// its token before it expires, retries only what is safe to repeat, and reports every error answer as an
/// <see cref="IdentitiesApiException"/>.
/// </summary>
public sealed partial class IdentityDbSdk
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly IdentityDbSdkOptions _options;
    private readonly TokenSource _tokens;

    /// <summary>
    /// An SDK that logs in on its first call (for dependency injection: pass a client from IHttpClientFactory).
    /// <see cref="GetSdk(string, HttpClient, string, string, CancellationToken)"/> logs in at once instead.
    /// </summary>
    /// <param name="httpClient">Sends the requests; the SDK neither changes its defaults nor disposes it.</param>
    /// <param name="baseAddress">The service's base URL, e.g. <c>https://identities.example.com:5009</c> or one ending in a path such as <c>/identities</c>.</param>
    /// <param name="username">The user to log in as.</param>
    /// <param name="password">The user's password.</param>
    /// <param name="options">Retry and token settings; null takes the defaults.</param>
    public IdentityDbSdk(HttpClient httpClient, Uri baseAddress, string username, string password, IdentityDbSdkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be an absolute URL.", nameof(baseAddress));
        }
        _http = httpClient;
        // A trailing slash, so that relative paths keep a base path such as /identities.
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _options = options ?? new IdentityDbSdkOptions();
        var login = new LoginBody(username, password, _options.Permissions);
        _tokens = new TokenSource(cancellationToken => SendAsync(HttpMethod.Post, "api/v1/auth/login",
            () => JsonContent.Create(login, IdentitiesJsonContext.Default.LoginBody), IdentitiesJsonContext.Default.LoginResult,
            CallKind.Safe, authenticated: false, cancellationToken), _options);
    }

    /// <summary>Logs in and returns an SDK for the service at <paramref name="baseUrl"/> (the contract's entry point).</summary>
    /// <param name="baseUrl">The service's base URL, e.g. <c>https://identities.example.com:5009</c>.</param>
    /// <param name="httpClient">Sends the requests; the SDK neither changes its defaults nor disposes it.</param>
    /// <param name="username">The user to log in as.</param>
    /// <param name="password">The user's password.</param>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <returns>The SDK, logged in.</returns>
    /// <exception cref="IdentitiesApiException">The login was refused (401 <c>unauthorized</c>, 429 <c>too_many_attempts</c>).</exception>
    public static Task<IdentityDbSdk> GetSdk(string baseUrl, HttpClient httpClient, string username, string password, CancellationToken cancellationToken = default) =>
        GetSdk(baseUrl, httpClient, username, password, new IdentityDbSdkOptions(), cancellationToken);

    /// <summary>Logs in and returns an SDK for the service at <paramref name="baseUrl"/>, with retry and token settings.</summary>
    /// <param name="baseUrl">The service's base URL.</param>
    /// <param name="httpClient">Sends the requests; the SDK neither changes its defaults nor disposes it.</param>
    /// <param name="username">The user to log in as.</param>
    /// <param name="password">The user's password.</param>
    /// <param name="options">Retry and token settings.</param>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <returns>The SDK, logged in.</returns>
    /// <exception cref="IdentitiesApiException">The login was refused.</exception>
    public static async Task<IdentityDbSdk> GetSdk(string baseUrl, HttpClient httpClient, string username, string password,
        IdentityDbSdkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        var sdk = new IdentityDbSdk(httpClient, new Uri(baseUrl, UriKind.Absolute), username, password, options);
        await sdk._tokens.GetAsync(cancellationToken);
        return sdk;
    }

    private Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent>? body, JsonTypeInfo<T> answer, CallKind kind, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, answer, kind, authenticated: true, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent>? body, JsonTypeInfo<T> answer, CallKind kind,
        bool authenticated, CancellationToken cancellationToken)
    {
        var loggedInAgain = false;
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path)) { Content = body?.Invoke() };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var token = authenticated ? await _tokens.GetAsync(cancellationToken) : null;
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException) when (kind == CallKind.Safe && attempt < _options.MaxRetries)
            {
                // The request may never have arrived; repeating a safe call changes nothing.
                await DelayAsync(attempt, null, cancellationToken);
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync(answer, cancellationToken)
                        ?? throw new IdentitiesApiException(response.StatusCode, null, null, null, "The service answered an empty body.");
                }
                var error = await ProblemReader.ReadAsync(response, cancellationToken);
                if (token is not null && response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // Refused token (expired early, keys rotated): the next call logs in again; a safe call is repeated once now.
                    _tokens.Invalidate(token);
                    if (kind == CallKind.Safe && !loggedInAgain)
                    {
                        loggedInAgain = true;
                        continue;
                    }
                }
                else if (kind == CallKind.Safe && attempt < _options.MaxRetries && IsTransient(response.StatusCode)
                    && !(error.RetryAfter > _options.MaxRetryDelay))
                {
                    await DelayAsync(attempt, error.RetryAfter, cancellationToken);
                    continue;
                }
                throw error;
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private Task DelayAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        // The service's Retry-After when it gave one (a longer one than MaxRetryDelay was not retried), else 0.5 s, 1 s, 2 s...
        var wait = retryAfter ?? TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt));
        return Task.Delay(wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay, cancellationToken);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>Whether a call may be sent again without doing anything twice.</summary>
    private enum CallKind
    {
        /// <summary>Reads, detection, comparison and updates to given values.</summary>
        Safe,

        /// <summary>Creations and deletions: sent exactly once.</summary>
        Once,
    }
}
