using static RiskRadar.Cli.Tests.CliRunner;

namespace RiskRadar.Cli.Tests;

/// <summary>Bad input exits 2 with one line on stderr naming the file, line and problem — never a stack trace.</summary>
public sealed class ErrorHandlingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("riskradar-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Missing_file()
    {
        string missing = Path.Combine(_dir, "nope.csv");
        AssertBadInput(Risk(missing, Fixture("positions.csv")), "nope.csv", "not found");
    }

    [Fact]
    public void Ragged_csv_names_the_line()
    {
        string prices = Write("ragged.csv", "date,A,B\n2025-01-02,10,20\n2025-01-03,11\n2025-01-06,12,21\n");
        AssertBadInput(Risk(prices, Write("q.csv", "instrument,quantity\nA,1\n")), "ragged.csv line 3", "expected 3 fields");
    }

    [Fact]
    public void Unknown_instrument_in_positions()
    {
        string positions = Write("q.csv", "instrument,quantity\nAAPL,10\nTSLA,5\n");
        AssertBadInput(Risk(Fixture("prices.csv"), positions), "q.csv line 3", "unknown instrument 'TSLA'");
    }

    [Fact]
    public void Non_positive_price()
    {
        string prices = Write("p.csv", "date,A\n2025-01-02,10\n2025-01-03,0\n2025-01-06,12\n2025-01-07,13\n");
        AssertBadInput(Risk(prices, Write("q.csv", "instrument,quantity\nA,1\n")), "p.csv line 3", "must be positive");
    }

    [Fact]
    public void Too_few_observations()
    {
        string prices = Write("p.csv", "date,A\n2025-01-02,10\n2025-01-03,11\n");
        AssertBadInput(Risk(prices, Write("q.csv", "instrument,quantity\nA,1\n")), "p.csv", "too few observations");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.1")]
    public void Confidence_outside_the_open_unit_interval(string confidence)
    {
        AssertBadInput(Run("risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", "historical", "--confidence", confidence), "--confidence", "between 0 and 1");
        AssertBadInput(Run("backtest", "--losses", Fixture("losses.csv"), "--var", Fixture("var.csv"), "--confidence", confidence), "--confidence", "between 0 and 1");
    }

    [Fact]
    public void Unknown_option_and_unknown_method()
    {
        AssertBadInput(Run("price", "option", "--type", "call", "--spot", "100", "--strike", "100", "--rate", "0.01", "--volatility", "0.2", "--expiry", "1", "--colour", "red"), "--colour", "unknown option");
        AssertBadInput(Run("risk", "--prices", Fixture("prices.csv"), "--positions", Fixture("positions.csv"), "--method", "magic", "--confidence", "0.99"), "--method", "magic");
        AssertBadInput(Run("frobnicate"), "frobnicate", "unknown command");
    }

    [Fact]
    public void Dates_must_ascend_and_numbers_must_parse()
    {
        string prices = Write("p.csv", "date,A\n2025-01-03,10\n2025-01-02,11\n2025-01-06,12\n");
        AssertBadInput(Risk(prices, Write("q.csv", "instrument,quantity\nA,1\n")), "p.csv line 3", "ascend");
        string bad = Write("b.csv", "date,A\n2025-01-02,10\n2025-01-03,abc\n2025-01-06,12\n");
        AssertBadInput(Risk(bad, Write("q.csv", "instrument,quantity\nA,1\n")), "b.csv line 3", "not a number");
    }

    [Fact]
    public void Backtest_series_must_pair_up()
    {
        string losses = Write("l.csv", "loss\n1\n2\n3\n");
        string var = Write("v.csv", "var\n1\n2\n");
        AssertBadInput(Run("backtest", "--losses", losses, "--var", var, "--confidence", "0.99"), "l.csv", "v.csv");
    }

    [Fact]
    public void The_real_executable_exits_2_with_one_line()
    {
        (int exit, string output, string err) = RunProcess("risk", "--prices", Path.Combine(_dir, "missing.csv"), "--positions", Fixture("positions.csv"), "--method", "historical", "--confidence", "0.99", "--json");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("missing.csv", err, StringComparison.Ordinal);

        (int ok, string json, _) = RunProcess("price", "option", "--type", "put", "--spot", "100", "--strike", "100", "--rate", "0.05", "--volatility", "0.2", "--expiry", "1", "--json");
        Assert.Equal(0, ok);
        Assert.Contains("\"price\"", json, StringComparison.Ordinal);
    }

    private static (int, string, string) Risk(string prices, string positions) =>
        Run("risk", "--prices", prices, "--positions", positions, "--method", "historical", "--confidence", "0.99", "--json");

    private static void AssertBadInput((int Exit, string Out, string Err) result, params string[] fragments)
    {
        Assert.Equal(2, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        string err = result.Err.TrimEnd();
        Assert.Single(err.Split('\n'));
        Assert.StartsWith("riskradar: error: ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        foreach (string f in fragments)
        {
            Assert.Contains(f, err, StringComparison.Ordinal);
        }
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
