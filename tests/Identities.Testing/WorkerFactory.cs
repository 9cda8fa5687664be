using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Identities.Testing;

/// <summary>
/// A worker on the real gRPC stack (TestServer) with the real models. It checks tokens with the tests' signing key
/// (TestTokens); its channels send a token with every permission unless a test asks for another or none.
/// </summary>
public sealed class WorkerFactory<TEntryPoint>(IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Inference:ModelsDirectory", RepositoryPaths.Models);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Authentication:SigningKeyPath", TestTokens.KeyPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public GrpcChannel CreateChannel() => CreateChannel(TestTokens.Admin());

    /// <param name="bearerToken">The token every call carries; null sends none.</param>
    public GrpcChannel CreateChannel(string? bearerToken) => GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = bearerToken is null ? Server.CreateHandler() : new BearerTokenHandler(bearerToken, Server.CreateHandler()),
        MaxReceiveMessageSize = 64 * 1024 * 1024,
        MaxSendMessageSize = 64 * 1024 * 1024,
    });

    /// <summary>Waits until gRPC health says SERVING (models loaded and warmed).</summary>
    public async Task<GrpcChannel> StartServingAsync(TimeSpan timeout)
    {
        var channel = CreateChannel();
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = (await health.CheckAsync(new HealthCheckRequest())).Status;
            if (status == HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return channel;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not become ready within {timeout} (last status {status}).");
            }
            await Task.Delay(50);
        }
    }
}
