namespace Identities.Clients.Tests.Sdk;

/// <summary>
/// Sits between the SDK and the real gateway: counts the requests per path and can spoil the bearer token of
/// the next request (to see what the SDK does with a 401). Accepts the gateway's self-signed certificate.
/// </summary>
public sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler
{
    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
})
{
    private readonly List<string> _requests = [];

    /// <summary>Replace the next request's token with a forged one.</summary>
    public bool SpoilNextToken { get; set; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public int Count(string pathPart) => Requests.Count(r => r.Contains(pathPart, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
        }
        if (SpoilNextToken && request.Headers.Authorization is not null)
        {
            SpoilNextToken = false;
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.forged");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
