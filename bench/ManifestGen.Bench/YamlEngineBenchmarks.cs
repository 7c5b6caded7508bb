using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using ManifestGen.Yaml;

BenchmarkRunner.Run<ManifestGen.Bench.YamlEngineBenchmarks>(args: args);

namespace ManifestGen.Bench
{
    /// <summary>The inner loops every edit pays for: parse, locate, splice (with its self-check).</summary>
    [MemoryDiagnoser]
    public class YamlEngineBenchmarks
    {
        private string text = "";
        private YamlFile file = null!;
        private readonly SetScalar existing = new(DocumentSelector.Only, "spec.values.bpf.datapathMode", ScalarValue.String("veth"));
        private readonly SetScalar created = new(DocumentSelector.Only, "spec.values.extraConfig.bpf-ct-timeout-regular-tcp", ScalarValue.String("6h"), ScalarStyle.DoubleQuoted);

        [GlobalSetup]
        public void Setup()
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "ManifestGen.sln"))) dir = Path.GetDirectoryName(dir)!;
            text = File.ReadAllText(Path.Combine(dir, "cluster-config", "kubernetes", "apps", "kube-system", "cilium", "app", "helmrelease.yaml"));
            file = YamlFile.Parse(text);
        }

        [Benchmark]
        public YamlFile Parse() => YamlFile.Parse(text);

        [Benchmark]
        public YamlNode? Locate() => YamlEditor.Get(file, DocumentSelector.Only, "spec.values.securityContext.capabilities.cleanCiliumState");

        [Benchmark]
        public YamlFile SpliceExistingScalar() => YamlEditor.Apply(file, existing);

        [Benchmark]
        public YamlFile SpliceNewKeyWithParents() => YamlEditor.Apply(file, created);
    }
}
