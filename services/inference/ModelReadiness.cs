namespace Identities.Inference;

/// <summary>Set once a worker's models are loaded and warmed; readiness and gRPC health follow it.</summary>
public sealed class ModelReadiness
{
    private volatile string? _failure;
    private volatile bool _ready;

    public bool IsReady => _ready;

    public string? Failure => _failure;

    public void MarkReady() => _ready = true;

    public void MarkFailed(string reason) => _failure = reason;
}
