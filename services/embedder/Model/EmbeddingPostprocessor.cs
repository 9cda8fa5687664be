namespace Identities.Embedder.Model;

/// <summary>Splits the model's [batch, D] output into L2-normalised vectors (cosine = dot product).</summary>
public static class EmbeddingPostprocessor
{
    public static float[][] Normalize(ReadOnlySpan<float> output, int batch, int dimension)
    {
        var vectors = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var row = output.Slice(b * dimension, dimension);
            var sumOfSquares = 0.0;
            foreach (var v in row)
            {
                sumOfSquares += (double)v * v;
            }
            var scale = sumOfSquares > 0 ? (float)(1 / Math.Sqrt(sumOfSquares)) : 0f;
            var vector = new float[dimension];
            for (var i = 0; i < dimension; i++)
            {
                vector[i] = row[i] * scale;
            }
            vectors[b] = vector;
        }
        return vectors;
    }
}
