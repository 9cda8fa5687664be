namespace Identities.Inference;

/// <summary>A model that loads itself and runs once on dummy input before the worker reports ready.</summary>
public interface IModelWarmup
{
    void Warmup();
}
