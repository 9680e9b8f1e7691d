using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RiskRadar.Analytics.Scenarios;

/// <summary>Builds a <see cref="ScenarioSet"/> from daily closes: the same history and parameters always give the same set and id.</summary>
public static class ScenarioSetBuilder
{
    public static ScenarioSet Build(DailyHistory history, ScenarioSetParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var m = history.Instruments.Count;
        var d = history.Dates.Count;

        // Carried forward over the whole history first, so that the oldest row kept still fills from a close before it.
        var filled = new double[m * d];
        var lastClose = new double[m];
        var lastCloseDate = new DateOnly[m];
        Array.Fill(lastClose, double.NaN);
        for (var t = 0; t < d; t++)
        {
            var day = history.Dates[t];
            for (var i = 0; i < m; i++)
            {
                var close = history.Close(t, i);
                if (!double.IsNaN(close))
                {
                    lastClose[i] = close;
                    lastCloseDate[i] = day;
                    filled[(t * m) + i] = close;
                }
                else
                {
                    var carried = !double.IsNaN(lastClose[i]) && day.DayNumber - lastCloseDate[i].DayNumber <= parameters.MaxFillDays;
                    filled[(t * m) + i] = carried ? lastClose[i] : double.NaN;
                }
            }
        }

        // Rows are returns: the oldest kept close is the base of the first row.
        var first = Math.Max(1, d - parameters.Depth);
        var rows = Math.Max(0, d - first);
        var dates = new DateOnly[rows];
        var returns = new double[rows * m];
        var observed = new bool[rows * m];
        for (var row = 0; row < rows; row++)
        {
            var t = first + row;
            dates[row] = history.Dates[t];
            for (var i = 0; i < m; i++)
            {
                var previous = filled[((t - 1) * m) + i];
                var current = filled[(t * m) + i];
                returns[(i * rows) + row] = parameters.Kind == ReturnKind.Log ? Math.Log(current / previous) : (current / previous) - 1.0;
                observed[(i * rows) + row] = !double.IsNaN(history.Close(t, i));
            }
        }

        var fingerprint = Fingerprint(history, filled, first - 1, parameters);
        var asOf = rows > 0 ? dates[^1] : history.Dates.Count > 0 ? history.Dates[^1] : default;
        var id = string.Create(CultureInfo.InvariantCulture,
            $"daily-{asOf:yyyyMMdd}-{parameters.Lookback}d-{parameters.Kind.ToString().ToLowerInvariant()}-{fingerprint[..12]}");
        return new ScenarioSet(id, fingerprint, parameters, history.Instruments, dates, returns, observed, lastClose, lastCloseDate);
    }

    private static string Fingerprint(DailyHistory history, double[] filled, int baseRow, ScenarioSetParameters parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"v1|{parameters.Lookback}|{parameters.Depth}|{parameters.Kind}|{parameters.MaxFillDays}|{string.Join(',', history.Instruments)}")));
        var m = history.Instruments.Count;
        Span<byte> buffer = stackalloc byte[8];
        if (baseRow >= 0)
        {
            for (var i = 0; i < m; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, filled[(baseRow * m) + i]);
                hash.AppendData(buffer);
            }
        }

        for (var t = Math.Max(0, baseRow + 1); t < history.Dates.Count; t++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, history.Dates[t].DayNumber);
            hash.AppendData(buffer[..4]);
            for (var i = 0; i < m; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, history.Close(t, i));
                hash.AppendData(buffer);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
