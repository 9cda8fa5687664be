using System.Globalization;

namespace Identities.RegistryBenchmarks;

/// <summary>Command-line options and the sizes of each section (quick: a smoke check; full: the real run).</summary>
internal sealed class BenchSettings
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Identities.RegistryBenchmarks -- [options]
          --quick              small sizes, under 2 minutes (a smoke check; numbers are rough)
          --sections a,b,...   which sections to run (default a b c d e f; g, shard size, and h, cluster, on request)
          --insert SPEC        the insert configuration for sections b-d instead of the one section a picks,
                               e.g. NOQUANT,EF=100,M=16,CAS,conns=4,inflight=16 (also REDUCE=n, Q8, BIN, RERANK=c);
                               several separated by ';' are all loaded in section b, the first goes on to d
          --only-insert        section b loads only the --insert configurations (no comparison sets)
          --budget-minutes N   whole-run time budget (default 60); section d's load stops early to keep it
          --big N              faces in section d (default 1000000; quick 10000)
          --load-minutes N     section d's load stops after N minutes (default 35) and extrapolates the rest
          --big-shards N       section d's gallery split over N keys of one redis-server, queried in parallel (default 1)
          --data face|isotropic  vector model (default face: calibrated on the real model's embeddings of the shared
                               photos; isotropic: random directions, the hardest case for a graph index)
          --shard-sizes A,B,.. section g: faces per vector set at which recall is measured (default 25000,50000,100000,200000)
          --cluster-sizes A,B,.. section h: gallery sizes on a 3-master, 3-replica Redis Cluster at which recall, latency and
                               cost are measured (default 100000,250000,500000,1000000; quick 2000,5000); --load-minutes
                               bounds its load too
          --seed N             data seed (default 20261125)
          --help
        """;

    public bool Quick { get; private init; }

    public bool Help { get; private init; }

    public IReadOnlySet<char> Sections { get; private init; } = new HashSet<char>("abcdef");

    public InsertConfig? Insert => Inserts.Count > 0 ? Inserts[0] : null;

    public IReadOnlyList<InsertConfig> Inserts { get; private init; } = [];

    public bool OnlyInsert { get; private init; }

    public TimeSpan Budget { get; private init; } = TimeSpan.FromMinutes(60);

    public ulong Seed { get; private init; } = 20261125;

    public DataModel Data { get; private init; } = DataModel.Face;

    /// <summary>Section a: faces per lever configuration, and queries for its recall check.</summary>
    public int LeverFaces => Quick ? 2_000 : 20_000;

    public int LeverQueries => Quick ? 100 : 300;

    /// <summary>Sections b and c: gallery size, latency/recall queries, TRUTH queries.</summary>
    public int ScaleFaces => Quick ? 4_000 : 100_000;

    public int ScaleQueries => Quick ? 200 : 1_000;

    public int ScaleTruthQueries => Quick ? 100 : 300;

    /// <summary>Section d.</summary>
    public int BigFaces { get; private init; }

    /// <summary>Keys of one redis-server that section d's gallery is split over (face i goes to key i mod shards).</summary>
    public int BigShards { get; private init; } = 1;

    public int BigQueries => Quick ? 200 : 1_000;

    public int BigTruthQueries => Quick ? 100 : 500;

    public TimeSpan BigTruthCap => TimeSpan.FromSeconds(Quick ? 30 : 180);

    /// <summary>At most this long for section d's load (by default 35 minutes; the rest is extrapolated).</summary>
    public TimeSpan BigLoadLimit { get; private init; } = TimeSpan.FromMinutes(35);

    /// <summary>Sections e and f: vectors already in the set, enrollments per measurement.</summary>
    public int EnrollPreload => Quick ? 2_000 : 20_000;

    public int EnrollSequential => Quick ? 100 : 1_000;

    public int EnrollConcurrent => Quick ? 300 : 3_000;

    public int BulkFaces => Quick ? 300 : 3_000;

    /// <summary>Section g: the sizes of one shard's vector set at which recall is measured, and the queries per size.</summary>
    public IReadOnlyList<int> ShardSizes { get; private init; } = [];

    public int ShardSizeQueries => Quick ? 200 : 1_000;

    /// <summary>Section h: gallery sizes on the cluster at which it is measured.</summary>
    public IReadOnlyList<int> ClusterSizes { get; private init; } = [];

    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = new BenchSettings { Quick = quick, BigFaces = quick ? 10_000 : 1_000_000, ShardSizes = quick ? [2_000, 5_000] : [25_000, 50_000, 100_000, 200_000],
            ClusterSizes = quick ? [2_000, 5_000] : [100_000, 250_000, 500_000, 1_000_000] };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--quick" => settings,
                "--help" or "-h" => new BenchSettings { Help = true },
                "--sections" => settings.With(sections: new HashSet<char>(Next().Where(char.IsLetter).Select(char.ToLowerInvariant))),
                "--insert" => settings.With(inserts: [.. Next().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(InsertConfig.Parse)]),
                "--only-insert" => settings.With(onlyInsert: true),
                "--load-minutes" => settings.With(loadLimit: TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture))),
                "--budget-minutes" => settings.With(budget: TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture))),
                "--big" => settings.With(big: int.Parse(Next(), CultureInfo.InvariantCulture)),
                "--big-shards" => settings.With(bigShards: int.Parse(Next(), CultureInfo.InvariantCulture)),
                "--seed" => settings.With(seed: ulong.Parse(Next(), CultureInfo.InvariantCulture)),
                "--shard-sizes" => settings.With(shardSizes: [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]),
                "--cluster-sizes" => settings.With(clusterSizes: [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]),
                "--data" => settings.With(data: Enum.Parse<DataModel>(Next(), ignoreCase: true)),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return settings;
    }

    private BenchSettings With(
        IReadOnlySet<char>? sections = null, IReadOnlyList<InsertConfig>? inserts = null, TimeSpan? budget = null, int? big = null, ulong? seed = null, int? bigShards = null, DataModel? data = null, bool? onlyInsert = null, TimeSpan? loadLimit = null, IReadOnlyList<int>? shardSizes = null, IReadOnlyList<int>? clusterSizes = null) => new()
        {
            Quick = Quick,
            Help = Help,
            Sections = sections ?? Sections,
            Inserts = inserts ?? Inserts,
            OnlyInsert = onlyInsert ?? OnlyInsert,
            BigLoadLimit = loadLimit ?? BigLoadLimit,
            Budget = budget ?? Budget,
            BigFaces = big ?? BigFaces,
            BigShards = bigShards ?? BigShards,
            Seed = seed ?? Seed,
            Data = data ?? Data,
            ShardSizes = shardSizes ?? ShardSizes,
            ClusterSizes = clusterSizes ?? ClusterSizes,
        };
}
