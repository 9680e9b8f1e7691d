using System.Diagnostics.CodeAnalysis;
using RiskRadar.Contracts.Events;

namespace RiskRadar.Ingestion.Validation;

/// <summary>Finds an instrument of the master by id or, failing that, by symbol.</summary>
public interface IInstrumentResolver
{
    bool TryResolve(string idOrSymbol, [NotNullWhen(true)] out InstrumentReference? instrument);
}
