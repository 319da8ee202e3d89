using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>A point of a chart: its label, its value (null: nothing to show, a gap in a line) and the value as read.</summary>
public sealed record ChartPoint(string Label, decimal? Value, string Text);

/// <summary>
/// Small charts drawn on the server as inline SVG: no script, nothing fetched. Each has a title and an aria-label
/// naming what it shows, a title on every point or bar giving its value, and its table beside it on the page.
/// </summary>
public static class SvgChart
{
    private const int Width = 560;
    private const int Left = 70;
    private const int Right = 16;
    private const int Top = 14;
    private const int PlotHeight = 140;

    /// <summary>A line over the points in order; <paramref name="min"/> and <paramref name="max"/> fix the scale when given.</summary>
    public static IHtmlContent Line(string id, string label, IReadOnlyList<ChartPoint> points, decimal? min = null, decimal? max = null, Func<decimal, string>? axis = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var low = min ?? Math.Min(0, values.Count == 0 ? 0 : values.Min());
        var high = max ?? Math.Max(0, values.Count == 0 ? 1 : values.Max());
        if (high == low)
        {
            high = low + 1;
        }

        var height = Top + PlotHeight + 34;
        var step = points.Count <= 1 ? 0 : (Width - Left - Right) / (double)(points.Count - 1);
        double X(int i) => Left + (points.Count <= 1 ? (Width - Left - Right) / 2.0 : i * step);
        double Y(decimal v) => Top + PlotHeight - (double)((v - low) / (high - low)) * PlotHeight;

        var svg = Open(id, label, height, "chart-line");
        foreach (var tick in new[] { low, (low + high) / 2, high })
        {
            var y = Y(tick);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#d9dee7\" stroke-width=\"1\"/>"));
            Text(svg, Left - 6, y + 4, "end", axis is null ? tick.ToString("0.##", CultureInfo.InvariantCulture) : axis(tick));
        }

        var path = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } value)
            {
                drawing = false;
                continue;
            }

            path.Append(Invariant($"{(drawing ? " L" : " M")}{X(i):0.#},{Y(value):0.#}"));
            drawing = true;
        }

        if (path.Length > 0)
        {
            svg.Append(Invariant($"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"#3b6ea5\" stroke-width=\"2\"/>"));
        }

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (point.Value is { } value)
            {
                svg.Append(Invariant($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(value):0.#}\" r=\"3.5\" fill=\"#3b6ea5\"><title>{Encode(point.Label)}: {Encode(point.Text)}</title></circle>"));
            }

            Text(svg, X(i), Top + PlotHeight + 20, "middle", point.Label);
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars, one per point, as long as its value's size against the largest.</summary>
    public static IHtmlContent Bars(string id, string label, IReadOnlyList<ChartPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        const int Row = 24;
        const int LabelWidth = 190;
        var largest = points.Select(p => Math.Abs(p.Value ?? 0)).DefaultIfEmpty(0).Max();
        var svg = Open(id, label, Top + (points.Count * Row) + 8, "chart-bars");
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var y = Top + (i * Row);
            var length = largest == 0 ? 0 : (double)(Math.Abs(point.Value ?? 0) / largest) * (Width - LabelWidth - 130);
            Text(svg, LabelWidth - 8, y + 15, "end", Clip(point.Label));
            svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{Row - 8}\" fill=\"{((point.Value ?? 0) < 0 ? "#b5443b" : "#3b6ea5")}\"><title>{Encode(point.Label)}: {Encode(point.Text)}</title></rect>"));
            Text(svg, LabelWidth + length + 6, y + 15, "start", point.Text);
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string label, int height, string kind) => new StringBuilder()
        .Append(Invariant($"<svg id=\"{Encode(id)}\" class=\"chart {kind}\" role=\"img\" aria-label=\"{Encode(label)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"))
        .Append("<title>").Append(Encode(label)).Append("</title>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Text(StringBuilder svg, double x, double y, string anchor, string text) =>
        svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"#333\">{Encode(text)}</text>"));

    private static string Clip(string text) => text.Length <= 28 ? text : text[..27] + "…";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
