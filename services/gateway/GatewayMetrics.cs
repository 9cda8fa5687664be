using System.Diagnostics.Metrics;
using Identities.ServiceDefaults.Telemetry;

namespace Identities.Gateway;

/// <summary>
/// Failed logins and lockouts, and the time each downstream call takes as the gateway sees it (stages
/// call_detector, call_embedder, call_registry). Requests and errors by route and problem code are ASP.NET Core's
/// http.server.request.duration, labelled with problem_code.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Identities.Gateway";

    private readonly Counter<long> _loginFailures;
    private readonly Counter<long> _lockouts;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _loginFailures = meter.CreateCounter<long>("identities.gateway.login.failures", "{attempt}", "Logins refused for an unknown user or a wrong password");
        _lockouts = meter.CreateCounter<long>("identities.gateway.login.lockouts", "{lockout}", "Failed logins that locked a user and client address out");
        Stages = new StageMetrics(meterFactory);
    }

    public StageMetrics Stages { get; }

    public void LoginFailed(bool locked)
    {
        _loginFailures.Add(1);
        if (locked)
        {
            _lockouts.Add(1);
        }
    }
}
