using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class MailLayoutTests
{
    [Fact]
    public void Text_BecomesParagraphsAndLines_WithItsAddressesAsLinks()
    {
        var html = MailLayout.FromText("Hello Pat,\n\nSee https://desk.example/portal/tickets/HD-7.\nThanks", "Ticket HD-7");

        html.Should().Contain("<p style=\"margin:0 0 12px;\">Hello Pat,</p>");
        html.Should().Contain("See <a href=\"https://desk.example/portal/tickets/HD-7\" style=\"color:#2456c8;\">https://desk.example/portal/tickets/HD-7</a>.<br>Thanks");
        html.Should().Contain("Ticket HD-7</p>");
    }

    [Fact]
    public void NothingFromTheText_ReachesTheMarkupUnencoded()
    {
        var html = MailLayout.FromText("<script>alert(1)</script> & \"quoted\" https://x.example/a?b=1&c=\"><img src=x>", "Sig <b>");

        html.Should().NotContain("<script>").And.NotContain("<img").And.NotContain("<b>");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;");
        html.Should().Contain("<a href=\"https://x.example/a?b=1&amp;c=\" style=", "an address ends at a quote");
        html.Should().Contain("Sig &lt;b&gt;");
    }

    [Fact]
    public void Buttons_FollowTheText_ThenTheTextAfterThem()
    {
        var html = MailLayout.FromText("How did we do?", "Ticket HD-1", [new MailButton("1 (very dissatisfied)", "https://desk.example/rate/a&b"), new MailButton("5", "https://desk.example/rate/c")], "Thanks");

        var question = html.IndexOf("How did we do?", StringComparison.Ordinal);
        var first = html.IndexOf("href=\"https://desk.example/rate/a&amp;b\"", StringComparison.Ordinal);
        var second = html.IndexOf("href=\"https://desk.example/rate/c\"", StringComparison.Ordinal);
        var after = html.IndexOf(">Thanks</p>", StringComparison.Ordinal);
        question.Should().BePositive();
        first.Should().BeGreaterThan(question);
        second.Should().BeGreaterThan(first);
        after.Should().BeGreaterThan(second);
        html.Should().Contain(">1 (very dissatisfied)</a>");
    }
}
