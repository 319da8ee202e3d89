using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Tests.Tickets;

public sealed class MessageBodyTests
{
    [Fact]
    public void FromPlainText_ShowsMarkupAsText_AndKeepsLineBreaks()
    {
        var body = MessageBody.FromPlainText("Hello <b>team</b>,\r\nline two\r\n\r\n<script>alert('x')</script>");

        body.Html.Should().Be("<p>Hello &lt;b&gt;team&lt;/b&gt;,<br>line two</p><p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
        body.Text.Should().StartWith("Hello <b>team</b>");
    }

    [Fact]
    public void FromHtml_RemovesScriptsHandlersAndUnsafeLinks()
    {
        var body = MessageBody.FromHtml(
            SafeHtml.Sanitize("<p onclick=\"steal()\">Hi</p><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a><a href=\"https://example.com\">ok</a><img src=\"https://tracker.example/p.gif\">"),
            "Hi");

        body.Html.Should().NotContain("script").And.NotContain("onclick").And.NotContain("javascript:").And.NotContain(" src=");
        body.Html.Should().Contain("href=\"https://example.com\"");
    }

    [Fact]
    public async Task SanitizeAsync_GivesUp_WhenTheBudgetIsSpent()
    {
        using var spent = new CancellationTokenSource();
        await spent.CancelAsync();

        (await SafeHtml.SanitizeAsync("<p>Hi</p>", spent.Token)).Should().BeNull();
    }
}
