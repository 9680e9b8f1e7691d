using RiskRadar.Web.Gateway;
using RiskRadar.Web.Portfolios;

namespace RiskRadar.Web.Tests;

public sealed class PositionDraftTests
{
    private static PositionDraft Book()
    {
        var draft = new PositionDraft();
        draft.Load([new PositionDto("EQ.MSFT", 50, DateTimeOffset.UnixEpoch), new PositionDto("EQ.AAPL", 100, DateTimeOffset.UnixEpoch)]);
        return draft;
    }

    [Fact]
    public void A_loaded_book_is_not_a_change()
    {
        var draft = Book();
        Assert.Equal(["EQ.AAPL", "EQ.MSFT"], draft.Rows.Select(r => r.InstrumentId));
        Assert.False(draft.IsDirty);
        Assert.Equal("100", draft.Rows[0].Text);
    }

    [Fact]
    public void Edits_closes_and_additions_are_the_changes_to_save_and_the_draft_prices_every_open_position()
    {
        var draft = Book();
        draft.SetQuantity("EQ.AAPL", "1,200");
        draft.Close("EQ.MSFT");
        Assert.True(draft.Add("fx.eurusd", "250000", out var error), error);

        Assert.Equal(
            [new PositionItemRequest("EQ.AAPL", 1200), new PositionItemRequest("EQ.MSFT", 0), new PositionItemRequest("FX.EURUSD", 250_000)],
            draft.ChangesToSave());
        Assert.Equal([new PositionItemRequest("EQ.AAPL", 1200), new PositionItemRequest("FX.EURUSD", 250_000)], draft.DraftPositions());
        Assert.True(draft.Rows.Single(r => r.InstrumentId == "EQ.MSFT").IsClosing);
        Assert.True(draft.Rows.Single(r => r.InstrumentId == "FX.EURUSD").IsNew);
    }

    [Fact]
    public void An_unreadable_quantity_stays_on_its_row_and_blocks_saving()
    {
        var draft = Book();
        draft.SetQuantity("EQ.AAPL", "12x");
        Assert.True(draft.HasErrors);
        Assert.Equal(100, draft.Rows[0].Quantity);
        draft.SetQuantity("EQ.AAPL", "120");
        Assert.False(draft.HasErrors);
    }

    [Theory]
    [InlineData("", "10", "Choose an instrument.")]
    [InlineData("EQ.IBM", "ten", "Enter a number, e.g. 100 or -250.5.")]
    [InlineData("EQ.IBM", "0", "A new position needs a quantity other than zero.")]
    public void What_cannot_be_a_new_position_is_refused_with_a_reason(string instrument, string quantity, string expected)
    {
        var draft = Book();
        Assert.False(draft.Add(instrument, quantity, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(2, draft.Rows.Count);
    }

    [Fact]
    public void The_apis_errors_on_an_upload_land_on_the_rows_they_name_by_index()
    {
        var draft = Book();
        draft.SetQuantity("EQ.AAPL", "5");
        draft.Add("EQ.NOPE", "3", out _);
        draft.ApplyUploadProblem(new ApiProblem(400, "Invalid", null, new Dictionary<string, string[]>
        {
            ["positions[1].instrumentId"] = ["Unknown instrument 'EQ.NOPE'."],
        }));
        Assert.Null(draft.Rows.Single(r => r.InstrumentId == "EQ.AAPL").Error);
        Assert.Equal("Unknown instrument 'EQ.NOPE'.", draft.Rows.Single(r => r.InstrumentId == "EQ.NOPE").Error);
    }
}
