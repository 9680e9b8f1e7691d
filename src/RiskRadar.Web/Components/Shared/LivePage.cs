using Microsoft.AspNetCore.Components;
using RiskRadar.Contracts.Serialization;
using RiskRadar.Web.Live;

namespace RiskRadar.Web.Components.Shared;

/// <summary>
/// A page fed by the live risk feed: figures are applied on the renderer's thread as they arrive, and the page
/// renders at most four times a second however fast they come (and every second, for its freshness badges).
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private const int TicksPerSecond = 4;
    private CancellationTokenSource? _clock;
    private volatile bool _dirty;

    [Inject]
    protected LiveRiskFeed Feed { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>The clock the page's badges are rendered against.</summary>
    protected DateTimeOffset Now { get; private set; }

    protected override void OnInitialized() => Now = Time.GetUtcNow();

    /// <summary>Starts watching, once the page has loaded what it shows (pages are not prerendered: this runs in the circuit).</summary>
    protected void StartLive(IEnumerable<string> portfolioIds)
    {
        Feed.Received += OnReceived;
        Feed.Watch(this, portfolioIds);
        _clock = new CancellationTokenSource();
        _ = RunClockAsync(_clock.Token);
    }

    /// <summary>Applies one message; true when the page shows something new.</summary>
    protected abstract bool Apply(LiveRiskMessage message, DateTimeOffset receivedAt);

    /// <summary>Every ten seconds, for what has no live feed of its own (alerts).</summary>
    protected virtual Task OnEveryTenSecondsAsync() => Task.CompletedTask;

    private void OnReceived(LiveRiskMessage message) => _ = InvokeAsync(() =>
    {
        if (Apply(message, Time.GetUtcNow()))
        {
            _dirty = true;
        }
    });

    private async Task RunClockAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / TicksPerSecond), Time);
        var ticks = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                ticks++;
                if (ticks % (10 * TicksPerSecond) == 0)
                {
                    await InvokeAsync(OnEveryTenSecondsAsync);
                    _dirty = true;
                }

                if (_dirty || ticks % TicksPerSecond == 0)
                {
                    _dirty = false;
                    await InvokeAsync(() =>
                    {
                        Now = Time.GetUtcNow();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Feed.Received -= OnReceived;
        Feed.Release(this);
        if (_clock is not null)
        {
            await _clock.CancelAsync();
            _clock.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
