using Google.Rpc;
using Grpc.Core;

namespace Identities.Testing;

public static class RpcAssert
{
    /// <summary>Asserts the call fails with the status code, and returns the rich status details.</summary>
    public static async Task<Google.Rpc.Status?> FailsWithAsync(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == ex.StatusCode, $"Expected {code}, got {ex.StatusCode}: {ex.Status.Detail}");
        return ex.GetRpcStatus();
    }

    public static string? Reason(Google.Rpc.Status? status) =>
        status?.GetDetail<ErrorInfo>()?.Reason;
}
