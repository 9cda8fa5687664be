using Identities.Client;

namespace Identities.Clients.Tests.Sdk;

/// <summary>An SDK logged in to the test stack as admin, with the handler that counts its requests.</summary>
public static class SdkStack
{
    public static async Task<(IdentityDbSdk Sdk, CountingHandler Handler)> LoginAsync(StackFixture stack, IdentityDbSdkOptions? options = null, Uri? gateway = null)
    {
        var handler = new CountingHandler();
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var sdk = await IdentityDbSdk.GetSdk((gateway ?? stack.GatewayAddress).ToString(), http, "admin", StackFixture.AdminPassword,
            options ?? new IdentityDbSdkOptions());
        return (sdk, handler);
    }
}
