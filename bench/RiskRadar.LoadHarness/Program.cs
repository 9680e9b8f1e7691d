using RiskRadar.LoadHarness;

// Usage: dotnet run -c Release --project bench/RiskRadar.LoadHarness -- devbroker [--messages N] [--sizes 100,1024] [--out FILE]
//        dotnet run -c Release --project bench/RiskRadar.LoadHarness -- pipeline [--instruments 500] [--portfolios 1000]
//            [--positions 20] [--rate 1000] [--seconds 30] [--out FILE]
var command = args.FirstOrDefault();
var rest = args.Skip(1).ToArray();
return command switch
{
    "devbroker" => await DevBrokerThroughput.RunAsync(HarnessOptions.Parse(rest)),
    "pipeline" => await PipelineLoad.RunAsync(PipelineLoadOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: devbroker [--messages N] [--sizes 100,1024] [--out FILE]");
    Console.Error.WriteLine("       pipeline [--instruments N] [--portfolios N] [--positions N] [--rate ticks/s] [--seconds N] [--out FILE]");
    return 2;
}
