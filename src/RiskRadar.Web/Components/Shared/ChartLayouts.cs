using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace RiskRadar.Web.Components.Shared;

/// <summary>The dashboard's chart look: white, compact margins, the legend under the plot, amounts with separators.</summary>
public static class ChartLayouts
{
    public static Plotly.Blazor.Layout Standard(string leftAxis, string? rightAxis = null, string tickFormat = ",.0f", int height = 320)
    {
        var axes = new List<YAxis> { Axis(leftAxis, tickFormat) };
        if (rightAxis is not null)
        {
            var right = Axis(rightAxis, ",.0f");
            right.Overlaying = "y";
            right.Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right;
            axes.Add(right);
        }

        return new Plotly.Blazor.Layout
        {
            Height = height,
            Margin = new Margin { L = 70, R = rightAxis is null ? 20 : 70, T = 20, B = 40 },
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H }],
            YAxis = axes,
        };
    }

    private static YAxis Axis(string title, string tickFormat) =>
        new() { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = title }, TickFormat = tickFormat };
}
