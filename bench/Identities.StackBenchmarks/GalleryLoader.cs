using System.Diagnostics;
using Grpc.Core;
using Identities.Registry.V1;

namespace Identities.StackBenchmarks;

/// <summary>
/// Grows the registry's gallery to a size through its own EnrollFace (atomic script, AOF-confirmed), each
/// face a new person. Vectors are the shared photos' real embeddings, each perturbed and renormalised, so
/// the gallery looks like many people near real faces; the photos' own faces are never enrolled this way.
/// </summary>
internal sealed class GalleryLoader(Registry.V1.Registry.RegistryClient registry, string modelId, IReadOnlyList<float[]> seeds)
{
    private const int InFlight = 32;
    // Per-component noise: a perturbed copy lies at cosine ~0.84 to its seed, two copies at ~0.7 to each other (another photo of the person).
    private const double Noise = 0.029;

    private readonly Random _random = new(20261125);
    private int _enrolled;

    public int Enrolled => _enrolled;

    /// <summary>EnrollFace calls per second of each growth step, by the size it grew to.</summary>
    public Dictionary<int, double> Rates { get; } = [];

    /// <summary>Enrolls until the registry holds <paramref name="target"/> synthetic faces; returns faces/s.</summary>
    public async Task<double> GrowToAsync(int target)
    {
        var toAdd = target - _enrolled;
        if (toAdd <= 0)
        {
            return double.NaN;
        }
        var vectors = Enumerable.Range(0, toAdd).Select(_ => Perturb(seeds[_random.Next(seeds.Count)])).ToArray();
        var next = -1;
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        async Task Worker()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= vectors.Length)
                {
                    return;
                }
                var request = new EnrollFaceRequest
                {
                    NewPerson = new PersonDetails(),
                    ModelId = modelId,
                    Box = new Box { X = 0, Y = 0, Width = 112, Height = 112 },
                    Quality = 1,
                    DetectId = Guid.CreateVersion7().ToString(),
                };
                request.Vector.AddRange(vectors[i]);
                await registry.EnrollFaceAsync(request, deadline: DateTime.UtcNow.AddSeconds(60));
                var count = Interlocked.Increment(ref done);
                if (count % 5_000 == 0)
                {
                    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    Console.Error.WriteLine($"[bench] gallery: {_enrolled + count:N0}/{target:N0} faces ({count / seconds:F0}/s)");
                }
            }
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(Worker)));
        }
        catch (RpcException ex)
        {
            throw new InvalidOperationException($"The registry refused a synthetic enrollment: {ex.Status}", ex);
        }
        _enrolled += toAdd;
        var rate = toAdd / Stopwatch.GetElapsedTime(started).TotalSeconds;
        Rates[target] = rate;
        return rate;
    }

    public float[] Perturb(float[] seed)
    {
        var vector = new float[seed.Length];
        double norm = 0;
        for (var i = 0; i < seed.Length; i++)
        {
            // Box-Muller normal noise.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
            vector[i] = (float)(seed[i] + (Noise * gaussian));
            norm += vector[i] * vector[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
        return vector;
    }
}
