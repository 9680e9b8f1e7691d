using RiskRadar.StreamProcessor.Pipeline.Portfolios;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;

namespace RiskRadar.StreamProcessor.Pipeline.Screening;

/// <summary>Splits an input stream into what the pipeline processes and what goes to the dead-letter topic.</summary>
public static class InputScreening
{
    public static IKStream<string, T> Screen<T, TSerDes>(IKStream<string, T> input, Func<T?, IMarketData, string?> rule, string deadLetterTopic, string name)
        where T : class
        where TSerDes : ISerDes<T>, new()
    {
        var screened = input.TransformValues(
            TransformerBuilder.New<string, T, string, Screened<T>>()
                .Transformer<InputScreen<T>>(rule)
                .Build(),
            $"{name}-screen");
        var branches = screened.Branch($"{name}-screened", (_, record, _) => record.Problem is null, (_, _, _) => true);
        branches[1].MapValues((record, _) => record.Value, $"{name}-rejected")
            .To<StringSerDes, TSerDes>(deadLetterTopic, $"{name}-dead-letters");
        return branches[0].MapValues((record, _) => record.Value, $"{name}-accepted");
    }
}
