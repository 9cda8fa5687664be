namespace Identities.Registry.Tests;

/// <summary>Random unit vectors and enrollment requests made by each test.</summary>
public static class TestVectors
{
    public const string Model = "test-model";
    public const int Dimension = 512;

    public static float[] RandomUnit(Random random, int dimension = Dimension)
    {
        var v = new float[dimension];
        double norm = 0;
        for (var i = 0; i < dimension; i++)
        {
            // Sum of uniforms: close enough to Gaussian for direction sampling.
            v[i] = (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
            norm += v[i] * v[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimension; i++)
        {
            v[i] *= scale;
        }
        return v;
    }

    public static EnrollFaceRequest NewPerson(float[] vector, string name = "Ada", string reference = "", string model = Model)
    {
        var request = new EnrollFaceRequest
        {
            NewPerson = new PersonDetails { Name = name },
            ModelId = model,
            Box = new Box { X = 10, Y = 20, Width = 100, Height = 140 },
            Quality = 0.9f,
            PhotoReferenceId = reference,
            DetectId = Guid.NewGuid().ToString(),
        };
        request.Vector.AddRange(vector);
        return request;
    }

    public static EnrollFaceRequest ExistingPerson(string personId, float[] vector, string reference = "", string model = Model)
    {
        var request = NewPerson(vector, reference: reference, model: model);
        request.PersonId = personId;
        return request;
    }
}
