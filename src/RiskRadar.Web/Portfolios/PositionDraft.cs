using RiskRadar.Web.Formatting;
using RiskRadar.Web.Gateway;

namespace RiskRadar.Web.Portfolios;

/// <summary>
/// The positions table as a person edits it: quantities changed, positions closed and added stay a draft (what-if
/// can price it) until saved in one upload; nothing reaches the book before that.
/// </summary>
public sealed class PositionDraft
{
    private readonly List<DraftRow> _rows = [];

    public IReadOnlyList<DraftRow> Rows => _rows;

    /// <summary>The rows whose quantity differs from the saved one (closing is a quantity of zero).</summary>
    public IReadOnlyList<DraftRow> Changes => [.. _rows.Where(r => r.IsChanged)];

    public bool IsDirty => _rows.Any(r => r.IsChanged || r.Error is not null);

    public bool HasErrors => _rows.Any(r => r.Error is not null);

    /// <summary>Starts again from the saved positions, instrument-id order.</summary>
    public void Load(IEnumerable<PositionDto> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        _rows.Clear();
        _rows.AddRange(saved.OrderBy(p => p.InstrumentId, StringComparer.Ordinal).Select(p => new DraftRow(p.InstrumentId, p.Quantity)));
    }

    /// <summary>What the person typed as the row's quantity; an unreadable number stays on the row as its error.</summary>
    public void SetQuantity(string instrumentId, string? text)
    {
        var row = Find(instrumentId) ?? throw new ArgumentException($"No row for {instrumentId}.", nameof(instrumentId));
        row.Text = text ?? "";
        var quantity = Numbers.ParseQuantity(text);
        row.Error = quantity is null ? "Enter a number, e.g. 100 or -250.5." : null;
        row.Quantity = quantity ?? row.Quantity;
    }

    public void Close(string instrumentId) => SetQuantity(instrumentId, "0");

    /// <summary>Adds a row (or changes the existing one); false with a message when the input cannot be a position.</summary>
    public bool Add(string? instrumentId, string? text, out string? error)
    {
        var id = instrumentId?.Trim().ToUpperInvariant();
        var quantity = Numbers.ParseQuantity(text);
        error = string.IsNullOrEmpty(id) ? "Choose an instrument."
            : quantity is null ? "Enter a number, e.g. 100 or -250.5."
            : quantity == 0 ? "A new position needs a quantity other than zero."
            : null;
        if (error is not null)
        {
            return false;
        }

        if (Find(id!) is null)
        {
            _rows.Add(new DraftRow(id!, saved: null));
            _rows.Sort((a, b) => string.CompareOrdinal(a.InstrumentId, b.InstrumentId));
        }

        SetQuantity(id!, text);
        return true;
    }

    /// <summary>The draft as inline positions for a what-if calculation: every open position, changed or not.</summary>
    public IReadOnlyList<PositionItemRequest> DraftPositions() =>
        [.. _rows.Where(r => r.Quantity is { } q && q != 0).Select(r => new PositionItemRequest(r.InstrumentId, r.Quantity!.Value))];

    /// <summary>The changes as one upload body (merge mode: closing is a zero); the Api names errors by index in it.</summary>
    public IReadOnlyList<PositionItemRequest> ChangesToSave() => [.. Changes.Select(r => new PositionItemRequest(r.InstrumentId, r.Quantity ?? 0))];

    /// <summary>Puts the Api's per-item errors (<c>positions[i].…</c>) of an upload of <see cref="ChangesToSave"/> on their rows.</summary>
    public void ApplyUploadProblem(ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var changes = Changes;
        for (var i = 0; i < changes.Count; i++)
        {
            var messages = problem.For($"positions[{i}]");
            changes[i].Error = messages.Count > 0 ? string.Join(" ", messages) : null;
        }
    }

    private DraftRow? Find(string instrumentId) => _rows.Find(r => r.InstrumentId == instrumentId);
}

public sealed class DraftRow(string instrumentId, double? saved)
{
    public string InstrumentId { get; } = instrumentId;

    /// <summary>The quantity on the book; null for a row added in the draft.</summary>
    public double? Saved { get; } = saved;

    public double? Quantity { get; set; } = saved;

    /// <summary>What the quantity box shows.</summary>
    public string Text { get; set; } = Numbers.Quantity(saved).Replace(",", "", StringComparison.Ordinal).Replace('\u2212', '-');

    public string? Error { get; set; }

    public bool IsChanged => Quantity != Saved && !(Saved is null && Quantity is null or 0);

    public bool IsNew => Saved is null;

    public bool IsClosing => Saved is not null && Quantity == 0;
}
