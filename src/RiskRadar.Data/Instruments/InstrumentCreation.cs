namespace RiskRadar.Data.Instruments;

public enum InstrumentCreation
{
    Created,
    IdTaken,
    SymbolTaken,
}
