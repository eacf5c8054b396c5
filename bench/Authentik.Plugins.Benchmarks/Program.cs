using BenchmarkDotNet.Running;

namespace Authentik.Plugins.Benchmarks;

internal static class Program
{
    /// <summary>Runs the benchmarks selected by the command line, for example <c>--filter '*'</c>.</summary>
    private static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new InProcessConfig());
}
