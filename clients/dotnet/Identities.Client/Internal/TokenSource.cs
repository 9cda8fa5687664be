namespace Identities.Client.Internal;

/// <summary>
/// The bearer token: obtained by logging in, renewed before it expires, shared by concurrent calls (one login
/// at a time), and dropped when the service refuses it.
/// </summary>
internal sealed class TokenSource(Func<CancellationToken, Task<LoginResult>> login, IdentityDbSdkOptions options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Lease? _lease;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_lease is { } lease && options.TimeProvider.GetUtcNow() < lease.RenewAt)
        {
            return lease.Token;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lease is { } current && options.TimeProvider.GetUtcNow() < current.RenewAt)
            {
                return current.Token;
            }
            var result = await login(cancellationToken);
            var now = options.TimeProvider.GetUtcNow();
            var lifetime = result.ExpiresAt - now;
            var margin = lifetime / 2 < options.TokenRenewalMargin ? lifetime / 2 : options.TokenRenewalMargin;
            _lease = new Lease(result.Token, result.ExpiresAt - margin);
            return result.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The service refused this token (401): the next call logs in again.</summary>
    public void Invalidate(string token)
    {
        if (_lease is { } lease && lease.Token == token)
        {
            _lease = null;
        }
    }

    private sealed record Lease(string Token, DateTimeOffset RenewAt);
}
