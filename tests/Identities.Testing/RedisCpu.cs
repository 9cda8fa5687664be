namespace Identities.Testing;

/// <summary>CPU seconds of a redis-server by its own accounting (INFO cpu): the whole process and its main thread.</summary>
public readonly record struct RedisCpu(double Total, double MainThread)
{
    public static RedisCpu operator -(RedisCpu a, RedisCpu b) => new(a.Total - b.Total, a.MainThread - b.MainThread);

    public static RedisCpu operator +(RedisCpu a, RedisCpu b) => new(a.Total + b.Total, a.MainThread + b.MainThread);
}
