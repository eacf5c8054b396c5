using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Authentik.Plugins.Benchmarks;

/// <summary>
/// Runs every benchmark inside this process with a short job, reporting time and
/// allocated bytes per operation as GitHub markdown and as JSON for bench/run.sh.
/// </summary>
/// <remarks>
/// In-process runs skip the separate project BenchmarkDotNet otherwise generates and builds for each
/// benchmark. They run under this process's tiered compilation with PGO, as the host does, so 8
/// warm-up iterations let the hot methods reach their optimized tier before the 5 measured ones.
/// That keeps the suite within a few minutes on a 2-core machine, and the error column shows how
/// far to trust each mean.
/// </remarks>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(8).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub, JsonExporter.Brief);
        AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray());
        AddLogger(DefaultConfig.Instance.GetLoggers().ToArray());
        AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray());
        AddValidator(DefaultConfig.Instance.GetValidators().ToArray());
        WithOptions(ConfigOptions.JoinSummary);
    }
}
