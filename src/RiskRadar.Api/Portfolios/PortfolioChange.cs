using Npgsql;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Api.Portfolios;

/// <summary>One open change of a locked portfolio: its transaction and the position events it will emit.</summary>
internal sealed class PortfolioChange(NpgsqlConnection connection, NpgsqlTransaction transaction, Portfolio portfolio, DateTimeOffset now)
{
    private readonly List<(string Instrument, double Quantity, string BaseCurrency)> _announced = [];

    public DateTimeOffset Now { get; } = now;

    /// <summary>Set when the request asked for what already holds: no new version, no event.</summary>
    public bool NothingChanged { get; set; }

    public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

    public async Task<Dictionary<string, double>> ReadPositionsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("select instrument_id, quantity from portfolio_positions where portfolio_id = $1");
        command.Parameters.Add(new() { Value = portfolio.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var positions = new Dictionary<string, double>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetString(0)] = reader.GetDouble(1);
        }

        return positions;
    }

    public void Announce(string instrumentId, double quantity, string baseCurrency) => _announced.Add((instrumentId, quantity, baseCurrency));

    public IEnumerable<PositionChange> Events(long version) => _announced.Select(a =>
        new PositionChange(portfolio.Id, portfolio.TenantId, a.Instrument, a.Quantity, a.BaseCurrency, version, Now));
}
