using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Identities.Gateway.Auth;
using Identities.Gateway.Problems;
using Identities.ServiceDefaults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Limits;

/// <summary>Who the client is (forwarded headers from trusted proxies only) and how much it may ask (rate limiter).</summary>
public static class LimitsExtensions
{
    public static IHostApplicationBuilder AddGatewayLimits(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<LimitsOptions>(LimitsOptions.SectionName);
        builder.AddValidatedOptions<TrustedProxyOptions>(TrustedProxyOptions.SectionName)
            .Validate(o => o.Networks.All(n => TryParseNetwork(n, out _)), "TrustedProxies:Networks holds CIDR networks (10.0.0.0/8) or IP addresses.");

        // PostConfigure: applied after ASPNETCORE_FORWARDEDHEADERS_ENABLED's setup too, which would trust every sender.
        builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var network in trusted.Value.Networks)
            {
                if (TryParseNetwork(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(LimitPolicies.Login, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.LoginBurst,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.LoginsPerMinute,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(LimitPolicies.Faces, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter(LimitPolicies.Faces, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.FaceConcurrency,
                    QueueLimit = limits.FaceQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            options.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>First in the pipeline: the client address every later step (throttle, limiter, logs) sees.</summary>
    public static IApplicationBuilder UseGatewayForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>A login over its client's rate is 429; a face request beyond the concurrency limit and its queue, 503.</summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        ApiProblemException problem;
        if (policy == LimitPolicies.Login)
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
            problem = new ApiProblemException(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many login attempts from this client.",
                $"Try again in {seconds} s.")
            { RetryAfterSeconds = seconds };
        }
        else
        {
            var seconds = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RetryAfterSeconds;
            problem = new ApiProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "Service unavailable; retry later.",
                "The gateway is at capacity: every place and every queue slot for face requests is taken.")
            { RetryAfterSeconds = seconds };
        }
        http.Response.Headers.RetryAfter = problem.RetryAfterSeconds!.Value.ToString(CultureInfo.InvariantCulture);
        await ProblemResponder.WriteAsync(http, problem);
    }

    private static bool TryParseNetwork(string value, out System.Net.IPNetwork network)
    {
        if (System.Net.IPNetwork.TryParse(value, out network))
        {
            return true;
        }
        if (IPAddress.TryParse(value, out var address))
        {
            network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }
}
