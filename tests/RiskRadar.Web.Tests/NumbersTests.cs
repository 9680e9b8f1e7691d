using RiskRadar.Web.Formatting;

namespace RiskRadar.Web.Tests;

public sealed class NumbersTests
{
    [Theory]
    [InlineData(1234567.891, "USD", "1,234,568 USD")]
    [InlineData(-1234.4, "EUR", "\u22121,234 EUR")]
    [InlineData(0.4, "USD", "0 USD")]
    [InlineData(999.5, null, "1,000")]
    public void Money_is_whole_units_with_separators_a_true_minus_and_the_currency_after(double value, string? currency, string expected) =>
        Assert.Equal(expected, Numbers.Money(value, currency));

    [Fact]
    public void No_figure_and_non_finite_figures_are_a_dash()
    {
        Assert.Equal(Numbers.Missing, Numbers.Money(null, "USD"));
        Assert.Equal(Numbers.Missing, Numbers.Money(double.NaN, "USD"));
        Assert.Equal(Numbers.Missing, Numbers.Change(double.PositiveInfinity, "USD"));
        Assert.Equal(Numbers.Missing, Numbers.Percent(null));
    }

    [Theory]
    [InlineData(1234.2, "+1,234 USD")]
    [InlineData(-56.7, "\u221257 USD")]
    [InlineData(-0.3, "0 USD")]
    public void A_change_is_always_signed_and_a_rounded_zero_has_no_sign(double value, string expected) =>
        Assert.Equal(expected, Numbers.Change(value, "USD"));

    [Theory]
    [InlineData(0.1234, "12.3 %")]
    [InlineData(1.05, "105.0 %")]
    [InlineData(-0.002, "\u22120.2 %")]
    public void Fractions_are_percentages_with_one_decimal(double fraction, string expected) =>
        Assert.Equal(expected, Numbers.Percent(fraction));

    [Theory]
    [InlineData(250000, "250,000")]
    [InlineData(-12.5, "\u221212.5")]
    [InlineData(0.123456, "0.1235")]
    public void Quantities_keep_up_to_four_decimals_without_trailing_zeros(double value, string expected) =>
        Assert.Equal(expected, Numbers.Quantity(value));

    [Theory]
    [InlineData(190.1, "190.10 USD")]
    [InlineData(1.0796531, "1.079653 USD")]
    public void Prices_have_two_to_six_decimals(double value, string expected) => Assert.Equal(expected, Numbers.Price(value, "USD"));

    [Theory]
    [InlineData("1,000", 1000d)]
    [InlineData(" -250.5 ", -250.5)]
    [InlineData("\u221212", -12d)]
    [InlineData("1e6", 1e6)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    [InlineData("NaN", null)]
    public void What_people_type_as_a_quantity_is_read_or_refused(string text, double? expected) =>
        Assert.Equal(expected, Numbers.ParseQuantity(text));

    [Theory]
    [InlineData(4, "4 s ago")]
    [InlineData(185, "3 min ago")]
    [InlineData(7300, "2 h ago")]
    [InlineData(-1, "just now")]
    public void Ages_are_coarse(int seconds, string expected) => Assert.Equal(expected, Numbers.Ago(TimeSpan.FromSeconds(seconds)));
}
