using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Identities.Gateway.Extensions;

/// <summary>gRPC health of one downstream worker (its unnamed service is SERVING only when it is ready).</summary>
public sealed class DownstreamHealthClient(string name, GrpcChannel channel)
{
    private readonly Health.HealthClient _client = new(channel);

    public string Name { get; } = name;

    public async Task<bool> IsServingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }
}
