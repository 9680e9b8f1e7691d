using RiskRadar.Analytics.Instruments.Bonds;
using RiskRadar.Analytics.Instruments.Curves;
using RiskRadar.Analytics.Instruments.Options;
using RiskRadar.Analytics.Kernels;

namespace RiskRadar.Analytics.Valuation;

/// <summary>An option with what its revaluation needs precomputed: the kernel's terms and its greeks at the base state.</summary>
internal sealed record PricedOption(OptionHolding Holding, OptionTerms Terms, PillarWeights Weights, OptionValuation Greeks);

/// <summary>A future with its fair value F at the base state and the pillars z(T) is made of.</summary>
internal sealed record PricedFuture(FutureHolding Holding, double FairValue, PillarWeights Weights);

/// <summary>A bond with its flows, each flow's pillars and base discount factor, and the dirty value of one bond.</summary>
internal sealed record PricedBond(BondHolding Holding, CurveCashflows Flows, PillarWeights[] Weights, double[] Discounts, double UnitValue);
