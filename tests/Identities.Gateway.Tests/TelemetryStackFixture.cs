using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Identities.Gateway.Tests;

/// <summary>
/// The whole stack with every log entry captured (at every level) and every span exported to memory, through
/// the services' own OpenTelemetry pipeline. All services share this process, so each tracer provider sees every
/// service's spans: spans are kept once, by span id.
/// </summary>
public sealed class TelemetryStackFixture : StackFixture
{
    private readonly List<Activity> _spans = [];

    public CapturedLogs Logs { get; } = new();

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans.DistinctBy(s => s.SpanId)];
            }
        }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddLogging(logging => logging
            .AddProvider(Logs)
            .AddFilter<CapturedLogs>(null, LogLevel.Trace));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_spans)));
    }

    /// <summary>The exporter adds from several threads.</summary>
    private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count
        {
            get
            {
                lock (inner)
                {
                    return inner.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }

        public void Clear()
        {
            lock (inner)
            {
                inner.Clear();
            }
        }

        public bool Contains(Activity item)
        {
            lock (inner)
            {
                return inner.Contains(item);
            }
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (inner)
            {
                inner.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(Activity item)
        {
            lock (inner)
            {
                return inner.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator()
        {
            lock (inner)
            {
                return inner.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
