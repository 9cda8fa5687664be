using Grpc.Net.Client;
using Identities.Detector.V1;
using Identities.Embedder.V1;

namespace Identities.StackBenchmarks;

/// <summary>What every section uses: settings, photos, the stack's clients, the in-process pipeline, output.</summary>
internal sealed class BenchRun(
    StackSettings settings, PhotoSet photos, GatewayClient gateway, GrpcChannel detector, GrpcChannel embedder, GrpcChannel registry,
    InProcessPipeline inProcess, IReadOnlyCollection<int> stackPids, TextWriter output)
{
    public StackSettings Settings => settings;

    public PhotoSet Photos => photos;

    public GatewayClient Gateway => gateway;

    public FaceDetector.FaceDetectorClient Detector { get; } = new(detector);

    public FaceEmbedder.FaceEmbedderClient Embedder { get; } = new(embedder);

    public Registry.V1.Registry.RegistryClient Registry { get; } = new(registry);

    public InProcessPipeline InProcess => inProcess;

    /// <summary>The stack's processes (gateway, workers, its Redis): their CPU is part of what is measured.</summary>
    public IReadOnlyCollection<int> StackPids => stackPids;

    public TextWriter Output => output;

    public BenchReport Report { get; } = new();

    public void Line(string text = "")
    {
        output.WriteLine(text);
        output.Flush();
    }
}
