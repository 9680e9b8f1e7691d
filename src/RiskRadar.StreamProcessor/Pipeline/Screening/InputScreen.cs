using System.Text;
using Confluent.Kafka;
using RiskRadar.Contracts.Topics;
using RiskRadar.StreamProcessor.Pipeline.Portfolios;
using Streamiz.Kafka.Net.Processors.Public;

namespace RiskRadar.StreamProcessor.Pipeline.Screening;

/// <summary>
/// Checks each record of an input topic against <see cref="InputRules"/> before the pipeline sees it. A rejected
/// record carries its reason in the <c>dlq.reason</c> header, so the topology can dead-letter it unchanged and go on.
/// </summary>
public sealed class InputScreen<T> : ITransformer<string, T, string, Screened<T>>
    where T : class
{
    private readonly Func<T?, IMarketData, string?> _rule;
    private ProcessorContext<string, Screened<T>> _context = null!;
    private IMarketData _market = null!;

    /// <summary>Only for the <c>new()</c> constraint of Streamiz's transformer builder, which is given the rule.</summary>
    public InputScreen()
        : this(static (_, _) => throw new InvalidOperationException("An input screen needs its rule."))
    {
    }

    public InputScreen(Func<T?, IMarketData, string?> rule)
    {
        _rule = rule;
    }

    public void Init(ProcessorContext<string, Screened<T>> context)
    {
        _context = context;
        _market = new GlobalStoreMarketData(context);
    }

    public Record<string, Screened<T>>? Process(Record<string, T> record)
    {
        var problem = _rule(record.Value, _market);
        if (problem is null)
        {
            // With its headers: a record created without them replaces the context's, and the trace context is lost.
            return Record<string, Screened<T>>.Create(record.Key, new Screened<T>(record.Value, null), record.Headers);
        }

        var headers = new Headers();
        foreach (var header in _context.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(KafkaTopics.DeadLetterReasonHeader, Encoding.UTF8.GetBytes(problem));
        return Record<string, Screened<T>>.Create(record.Key, new Screened<T>(record.Value, problem), headers);
    }

    public void Close()
    {
    }
}
