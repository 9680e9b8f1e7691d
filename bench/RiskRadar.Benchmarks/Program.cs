using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(RiskRadar.Benchmarks.AnalyticsKernelBenchmarks).Assembly).Run(args);
