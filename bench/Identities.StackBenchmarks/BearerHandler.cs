using System.Net.Http.Headers;

namespace Identities.StackBenchmarks;

/// <summary>Adds the signed-in user's bearer token to every gRPC request, as the gateway does for its callers.</summary>
internal sealed class BearerHandler(string token) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
