using Identities.Detector.V1;
using Identities.Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Identities.Pipeline.Tests.Detector;

public sealed class DetectionSurveyTests(PipelineFixture pipeline, ITestOutputHelper output) : IClassFixture<PipelineFixture>
{
    [SkippableFact]
    public async Task Survey()
    {
        SharedFaces.SkipIfMissing();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Faces, "*.jpg").Select(Path.GetFileName).Order())
        {
            var r = await pipeline.DetectAsync(SharedFaces.Read(file!));
            var f = r.Faces.FirstOrDefault();
            if (f is not null)
            {
                var p = f.Landmarks;
                float ex = p[1].X - p[0].X, ey = p[1].Y - p[0].Y, iod = MathF.Sqrt(ex * ex + ey * ey);
                float ux = ex / iod, uy = ey / iod, mx0 = (p[0].X + p[1].X) / 2, my0 = (p[0].Y + p[1].Y) / 2;
                float nx = p[2].X - mx0, ny = p[2].Y - my0, mx = (p[3].X + p[4].X) / 2 - mx0, my = (p[3].Y + p[4].Y) / 2 - my0;
                output.WriteLine($"   yaw={(nx * ux + ny * uy) / iod:F2} pitch={(ny * ux - nx * uy) / (my * ux - mx * uy):F2}");
            }
            output.WriteLine($"{file} {r.ImageWidth}x{r.ImageHeight} faces={r.Faces.Count} " + (f is null ? "" :
                $"score={f.Score:F3} box=({f.Box.X:F0},{f.Box.Y:F0},{f.Box.Width:F0},{f.Box.Height:F0}) q={f.Quality.Score:F2} det={f.Quality.Detection:F2} size={f.Quality.Size:F2} sharp={f.Quality.Sharpness:F2} front={f.Quality.Frontalness:F2} exp={f.Quality.Exposure:F2} iod={f.Quality.InterOcularDistance:F0}")
                + " others: " + string.Join(" ", r.Faces.Skip(1).Select(o => $"[{o.Score:F2} {o.Box.Width:F0}x{o.Box.Height:F0}]")));
        }
    }
}
