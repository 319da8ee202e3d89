using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

/// <summary>Mail HTML keeps its look inside its own box, and tells no one it was opened.</summary>
public sealed class SafeHtmlTests
{
    public static TheoryData<string> Positioning => new()
    {
        "position:fixed", "position: absolute", "z-index:2147483647", "top:0", "left:0", "right:0", "bottom:0",
        "transform:translate(0,-500px)", "inset:0", "translate:0 -500px",
    };

    [Theory]
    [MemberData(nameof(Positioning))]
    public void Sanitize_RemovesEveryWayOfPlacingAnElementOverThePage(string declaration)
    {
        var html = SafeHtml.Sanitize($"<div style=\"{declaration}; color: red\">Your session expired: sign in again</div>").Value;

        var property = declaration.Split(':')[0].Trim();
        html.Should().NotContain(property + ":", "{0} lets mail cover the page", property);
        html.Should().Contain("color: rgba(255, 0, 0, 1)").And.Contain("sign in again");
    }

    [Fact]
    public void Sanitize_KeepsTheStylesThatActInsideTheMessage()
    {
        var html = SafeHtml.Sanitize("<p style=\"color: #333; font-weight: bold; margin: 4px; border: 1px solid #ccc; text-align: center\">Hi</p>").Value;

        html.Should().Contain("color: rgba(51, 51, 51, 1)").And.Contain("font-weight: bold").And.Contain("margin: 4px")
            .And.Contain("text-align: center").And.Contain("border: 1px solid");
    }

    [Theory]
    [InlineData("background-image: url(https://tracker.example/p.gif)")]
    [InlineData("background: #fff url('https://tracker.example/p.gif') no-repeat")]
    [InlineData("list-style: url(https://tracker.example/p.gif)")]
    [InlineData("border-image: url(https://tracker.example/p.gif) 30")]
    [InlineData("content: url(https://tracker.example/p.gif)")]
    [InlineData("cursor: url(https://tracker.example/p.cur), auto")]
    [InlineData("font-family: url(https://tracker.example/p.gif)")]
    public void Sanitize_RemovesEveryUrlFromStyles(string declaration)
    {
        var html = SafeHtml.Sanitize($"<div style=\"{declaration}\">Hi</div>").Value;

        html.Should().NotContain("url(").And.NotContain("tracker.example");
    }

    [Fact]
    public void Sanitize_KeepsARemoteImageOnlyWhereNoBrowserLoadsIt()
    {
        var html = SafeHtml.Sanitize("<p>Logo <img src=\"https://tracker.example/p.gif?u=anna\" srcset=\"https://tracker.example/2x.gif 2x\" alt=\"Northwind\" width=\"20\"></p>").Value;

        html.Should().Contain($"{SafeHtml.RemoteImageAttribute}=\"https://tracker.example/p.gif?u=anna\"");
        html.Should().NotContain(" src=").And.NotContain("srcset").And.NotContain("2x.gif");
        html.Should().Contain("alt=\"Northwind\"");
    }

    [Theory]
    [InlineData("<img src=\"http://tracker.example/p.gif\">")]
    [InlineData("<img src=\"/api/tickets/1/attachments/2\">")]
    [InlineData("<img src=\"//tracker.example/p.gif\">")]
    [InlineData("<img src=\"data:image/svg+xml,<svg/>\">")]
    [InlineData("<table background=\"https://tracker.example/p.gif\"><tr><td>x</td></tr></table>")]
    [InlineData("<img lowsrc=\"https://tracker.example/p.gif\" dynsrc=\"https://tracker.example/p.gif\">")]
    public void Sanitize_LeavesNoImageAddressToLoad_OtherThanAParkedHttpsOne(string input)
    {
        var html = SafeHtml.Sanitize(input).Value;

        html.Should().NotContain("src=\"").And.NotContain("background=").And.NotContain("lowsrc").And.NotContain("dynsrc");
        html.Should().NotContain(SafeHtml.RemoteImageAttribute);
    }

    [Fact]
    public void Sanitize_RemovesIdsClassesAndNames_SoMailCannotReachIntoThePage()
    {
        var html = SafeHtml.Sanitize("<div id=\"flash\" class=\"banner\" name=\"x\" data-remote-src=\"https://tracker.example/p.gif\">Hi</div>").Value;

        html.Should().Be("<div>Hi</div>");
    }
}
