using RiskRadar.LoadHarness;

// Usage: dotnet run -c Release --project bench/RiskRadar.LoadHarness -- devbroker [--messages N] [--sizes 100,1024] [--out FILE]
var command = args.FirstOrDefault();
var options = HarnessOptions.Parse(args.Skip(1).ToArray());
return command switch
{
    "devbroker" => await DevBrokerThroughput.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: devbroker [--messages N] [--sizes 100,1024] [--out FILE]");
    return 2;
}
