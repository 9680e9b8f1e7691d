using System.Net;
using System.Text;
using RiskRadar.Web.Components.Shared;
using RiskRadar.Web.Gateway;
using RiskRadar.Web.Portfolios;

namespace RiskRadar.Web.Tests;

/// <summary>Problem details as a person reads them: the field that is wrong, next to the field.</summary>
public sealed class ProblemTests : BunitContext
{
    private static readonly ApiProblem s_upload = new(400, "One or more validation errors occurred.", null, new Dictionary<string, string[]>
    {
        ["positions[0].instrumentId"] = ["Unknown instrument 'EQ.NOPE'."],
        ["positions[2].quantity"] = ["The quantity must be a finite number."],
        ["name"] = ["The name is required."],
        ["line 12.quantity"] = ["'x' is not a number."],
        ["line 3"] = ["Expected 2 comma-separated values, found 3."],
    });

    [Fact]
    public async Task A_problem_body_is_read_with_its_field_errors()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(
                """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"baseCurrency":["baseCurrency must be a three-letter ISO 4217 code."]}}""",
                Encoding.UTF8, "application/problem+json"),
        };
        var problem = await ApiProblem.ReadAsync(response, CancellationToken.None);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["baseCurrency must be a three-letter ISO 4217 code."], problem.For("baseCurrency"));
        Assert.Equal(["baseCurrency must be a three-letter ISO 4217 code."], problem.For("BASECURRENCY"));
    }

    [Fact]
    public async Task An_answer_without_a_problem_body_is_worded_from_its_status()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("slow down", Encoding.UTF8, "text/plain") };
        var problem = await ApiProblem.ReadAsync(response, CancellationToken.None);
        Assert.Equal("Too many requests", problem.Title);
        Assert.Empty(problem.Errors);
    }

    [Fact]
    public void A_field_takes_its_own_messages_and_those_inside_it_and_no_others()
    {
        Assert.Equal(2, s_upload.For("positions").Count);
        Assert.Equal(["The quantity must be a finite number."], s_upload.For("positions[2]"));
        Assert.Empty(s_upload.For("position"));
        Assert.Equal(["'x' is not a number."], s_upload.For("line 12"));
        Assert.Empty(s_upload.For("line 1"));
    }

    [Fact]
    public void The_message_box_lists_only_what_no_field_shows()
    {
        var cut = Render<ProblemMessage>(p => p.Add(c => c.Problem, s_upload).Add(c => c.ShownFields, ["positions", "name"]));
        var items = cut.FindAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("line 3: Expected 2 comma-separated values, found 3.", items);
        Assert.DoesNotContain(items, i => i.Contains("Unknown instrument", StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find(".problem").GetAttribute("role"));
    }

    [Fact]
    public void Field_messages_render_next_to_their_input_under_the_id_it_points_at()
    {
        var cut = Render<FieldMessages>(p => p.Add(c => c.Id, "name-error").Add(c => c.Messages, s_upload.For("name")));
        Assert.Equal("name-error", cut.Find(".field-error").Id);
        Assert.Equal("The name is required.", cut.Find(".field-error span").TextContent);
    }

    [Fact]
    public void No_messages_render_nothing()
    {
        var cut = Render<FieldMessages>(p => p.Add(c => c.Id, "x").Add(c => c.Messages, []));
        Assert.Empty(cut.Markup.Trim());
    }

    [Fact]
    public void Csv_errors_are_labelled_by_line_and_listed_in_file_order()
    {
        Assert.Equal("Line 12, quantity:", CsvLines.Label("line 12.quantity"));
        Assert.Equal("Line 4, instrument:", CsvLines.Label("line 4.instrumentId"));
        Assert.Equal("Line 3:", CsvLines.Label("line 3"));
        Assert.Equal("File:", CsvLines.Label("$"));
        Assert.Equal(["name", "positions[0].instrumentId", "positions[2].quantity", "line 3", "line 12.quantity"], CsvLines.Order(s_upload.Errors).Select(e => e.Key));
    }

    [Fact]
    public void A_signed_out_problem_links_to_sign_in()
    {
        var cut = Render<ProblemMessage>(p => p.Add(c => c.Problem, ApiProblem.SignedOut()));
        Assert.Equal("/login", cut.Find("a").GetAttribute("href"));
    }
}
