using RiskRadar.LoadHarness;

// Usage: dotnet run -c Release --project bench/RiskRadar.LoadHarness -- devbroker [--messages N] [--sizes 100,1024] [--out FILE]
//        dotnet run -c Release --project bench/RiskRadar.LoadHarness -- pipeline [--instruments 500] [--portfolios 1000]
//            [--positions 20] [--rate 1000] [--seconds 30] [--tick-encoding binary|json] [--book-encoding json|binary] [--live-values on|off] [--live-min-interval-ms 20] [--linger-ms 5] [--stream-threads 1] [--watched 100]
//            [--poll-ms 100] [--fetch-wait-ms 500]
//            [--out FILE] [--json FILE]   (eng/profile-pipeline.sh OUT [these options] samples it with perf)
//        dotnet run -c Release --project bench/RiskRadar.LoadHarness -- gateway [--calculate-rates 50,100,200]
//            [--position-rates 100,500,1000] [--seconds 10] [--connections 64] [--out FILE]
//        dotnet run -c Release --project bench/RiskRadar.LoadHarness -- scenario-set [--instruments 5000] [--lookback 500] [--runs 5] [--out FILE.md]
var command = args.FirstOrDefault();
var rest = args.Skip(1).ToArray();
return command switch
{
    "devbroker" => await DevBrokerThroughput.RunAsync(HarnessOptions.Parse(rest)),
    "pipeline" => await PipelineLoad.RunAsync(PipelineLoadOptions.Parse(rest)),
    "gateway" => await GatewayLoad.RunAsync(GatewayLoadOptions.Parse(rest)),
    "scenario-set" => await ScenarioSetBuild.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: devbroker [--messages N] [--sizes 100,1024] [--out FILE]");
    Console.Error.WriteLine("       pipeline [--instruments N] [--portfolios N] [--positions N] [--rate ticks/s] [--seconds N] [--tick-encoding binary|json] [--book-encoding json|binary] [--live-values on|off] [--live-min-interval-ms N] [--linger-ms N] [--stream-threads N] [--watched N] [--poll-ms N] [--fetch-wait-ms N] [--out FILE] [--json FILE]");
    Console.Error.WriteLine("       gateway [--calculate-rates r1,r2] [--position-rates r1,r2] [--seconds N] [--connections N] [--out FILE]");
    Console.Error.WriteLine("       scenario-set [--instruments N] [--lookback N] [--runs N] [--out FILE.md]");
    return 2;
}
