using System.Globalization;

namespace RiskRadar.Web.Gateway;

/// <summary>The Api's ETags are its resources' versions, quoted (docs/api.md): a listed version is a valid If-Match.</summary>
public static class Versions
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
