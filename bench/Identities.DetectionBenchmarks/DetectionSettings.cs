using System.Globalization;

namespace Identities.DetectionBenchmarks;

/// <summary>Command-line settings.</summary>
internal sealed class DetectionSettings
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Identities.DetectionBenchmarks -- [options]
          --sections LIST    which sections to run, e.g. 1,2 (default 1,2,3,4)
          --reps N           timed repetitions in sections 3 and 4 (default 3)
          --quick            one repetition (a smoke check, about a minute on 2 cores)
          --variant OPTIONS  also measure the defaults changed by OPTIONS, e.g. MinScore=0.5,TileMinScore=0.6
                             (DetectorOptions property names; repeatable)
          --gateway URL      also section 5: ulfd/17.jpg and ulfd/25.jpg through a running stack's REST faceDetect
                             (admin password from IDENTITIES_ADMIN_PASSWORD)
          --explain FILE     only list every candidate of one photo with its scores and what became of it
          --help             this text
        Environment: IDENTITIES_MODELS_DIR (default <repo>/models), IDENTITIES_DETECTION_DIR (default
        <repo>/../shared/faces/detection), IDENTITIES_FACES_DIR (default <repo>/../shared/faces/deepface).
        """;

    public HashSet<int> Sections { get; private set; } = [1, 2, 3, 4];

    public int Reps { get; private set; } = 3;

    public bool Help { get; private set; }

    public List<string> Variants { get; } = [];

    public string? Explain { get; private set; }

    public Uri? Gateway { get; private set; }

    public static DetectionSettings Parse(string[] args)
    {
        var settings = new DetectionSettings();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sections":
                    settings.Sections = [.. Value(args, ref i).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--reps":
                    settings.Reps = Math.Max(1, int.Parse(Value(args, ref i), CultureInfo.InvariantCulture));
                    break;
                case "--variant":
                    settings.Variants.Add(Value(args, ref i));
                    break;
                case "--gateway":
                    settings.Gateway = new Uri(Value(args, ref i));
                    break;
                case "--explain":
                    settings.Explain = Value(args, ref i);
                    break;
                case "--quick":
                    settings.Reps = 1;
                    break;
                case "--help" or "-h":
                    settings.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        return settings;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
