namespace RiskRadar.Gateway.Tests;

/// <summary>Bad settings stop the gateway at start, naming the setting, instead of failing on the first request.</summary>
[Collection(GatewayStackCollection.Name)]
public sealed class OptionsValidationTests(GatewayStack stack)
{
    [Theory]
    [InlineData("RateLimits__PerApiKey__TokenLimit", "0", "RateLimits:PerApiKey")]
    [InlineData("RateLimits__TokenEndpoint__Window", "00:00:00", "RateLimits:TokenEndpoint")]
    [InlineData("Gateway__AllowedOrigins__0", "*", "AllowedOrigins")]
    [InlineData("Gateway__MaxRequestBodyBytes", "0", "MaxRequestBodyBytes")]
    public async Task A_gateway_with_an_invalid_setting_does_not_start(string setting, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => stack.StartGatewayAsync(new Dictionary<string, string> { [setting] = value }));

        Assert.Contains("OptionsValidationException", failure.Message, StringComparison.Ordinal);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }
}
