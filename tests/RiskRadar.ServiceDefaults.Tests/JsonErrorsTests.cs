using System.Text.Json;
using System.Text.Json.Serialization;
using RiskRadar.ServiceDefaults.Http;

namespace RiskRadar.ServiceDefaults.Tests;

/// <summary>Every way a body can be wrong, described by field and in JSON terms, never with a .NET type name.</summary>
public sealed class JsonErrorsTests
{
    [Theory]
    [InlineData("""{"quantity":"100"}""", "quantity", "quantity must be a JSON number.")]
    [InlineData("""{"count":1.5}""", "count", "count must be a whole JSON number in range.")]
    [InlineData("""{"active":"yes"}""", "active", "active must be true or false.")]
    [InlineData("""{"asOf":"tomorrow"}""", "asOf", "asOf must be an ISO 8601 date and time string")]
    [InlineData("""{"tags":"a"}""", "tags", "tags must be a JSON array.")]
    [InlineData("""{"tags":[1]}""", "tags[0]", "tags[0] must be a JSON string.")]
    [InlineData("""{"rows":[{"id":"x","weight":1},{"id":"y","weight":"heavy"}]}""", "rows[1].weight", "rows[1].weight must be a JSON number.")]
    [InlineData("""{"limits":{"var99":"high"}}""", "limits.var99", "limits.var99 must be a JSON number.")]
    [InlineData("""{"rows":[{"id":"x","colour":"red"}]}""", "rows[0].colour", "rows[0].colour is not a field of this request")]
    [InlineData("""{"rows":[{"weight":1}]}""", "rows[0]", "rows[0].id is required.")]
    [InlineData("""[1,2]""", "$", "The body must be a JSON object.")]
    [InlineData("""{"quantity":""", "$", "The body is not valid JSON (line 1, byte ")]
    [InlineData("""{"quantity":1}x""", "$", "The body is not valid JSON (line 1, byte ")]
    public void A_bad_body_is_described_by_field_and_in_json_terms(string body, string field, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(body, TestJsonContext.Default.Request));

        var (named, said) = JsonErrors.Describe(error, TestJsonContext.Default.Request);

        Assert.Equal(field, named);
        Assert.StartsWith(message, said, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", said, StringComparison.Ordinal);
        Assert.DoesNotContain("RiskRadar.", said, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_contract_only_the_position_is_given()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"a\":", TestJsonContext.Default.Request));

        Assert.Equal("$", JsonErrors.Describe(error, null).Field);
    }
}

public sealed class Request
{
    public double? Quantity { get; set; }

    public int? Count { get; set; }

    public bool? Active { get; set; }

    public DateTimeOffset? AsOf { get; set; }

    public List<string>? Tags { get; set; }

    public List<Row>? Rows { get; set; }

    public Dictionary<string, double>? Limits { get; set; }
}

public sealed class Row
{
    public required string Id { get; set; }

    public double Weight { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(Request))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
