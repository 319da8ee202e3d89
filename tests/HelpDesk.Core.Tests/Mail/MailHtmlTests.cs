using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

/// <summary>Hostile HTML is refused by its shape before any parser sees it; ordinary mail HTML passes and is made safe.</summary>
public sealed class MailHtmlTests
{
    // A budget no shared test machine runs out of: the budget itself is tested on its own, with none.
    private static readonly MailHtmlLimits Limits = new() { Budget = TimeSpan.FromMinutes(1) };

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "100,000 nested divs (1.1 MB in the report)", Repeat("<div>", 100_000), "nests elements more than 100 deep" },
        { "nested just past the depth limit", Repeat("<div>", 101) + "x", "nests elements more than 100 deep" },
        { "nested bold, closed only at the end", Repeat("<b>", 500) + "x" + Repeat("</b>", 500), "nests elements more than 100 deep" },
        { "one element with 30,000 attributes", "<div " + string.Join(' ', Enumerable.Range(0, 30_000).Select(i => $"a{i}=\"{i}\"")) + ">x</div>", "more than 100 attributes" },
        { "huge flat HTML", Repeat("<p>Hello <b>world</b></p>", 50_000), "over the limit of 500,000" },
        { "many small elements", Repeat("<span>x</span>", 10_001), "more than 10,000 elements" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_html_is_refused_with_its_reason_before_it_is_parsed(string what, string html, string reason)
    {
        var outcome = await MailHtml.PrepareAsync(html, Limits);

        outcome.IsShown.Should().BeFalse(what);
        outcome.Refusal.Should().Contain(reason);
    }

    [Theory]
    [InlineData("paragraphs and list items left open", "<p>one<p>two<ul><li>a<li>b</ul>")]
    [InlineData("a table without end tags for cells and rows", "<table><tr><td>a<td>b<tr><td>c<td>d</table>")]
    [InlineData("comments and a style block with markup in it", "<!-- <div><div> --><style>p > b { color: red }</style><p>Hi</p>")]
    [InlineData("a quoted attribute holding angle brackets", "<p title=\"<div><div><div>\">Hi</p>")]
    public void Ordinary_mail_html_passes_the_screen(string what, string html)
    {
        MailHtml.Screen(html, Limits with { MaxDepth = 8 }).Should().BeNull(what);
    }

    [Fact]
    public void A_thousand_unclosed_paragraphs_are_not_a_thousand_deep()
    {
        MailHtml.Screen(Repeat("<p>line", 1000), Limits).Should().BeNull();
    }

    [Fact]
    public async Task Html_within_the_limits_is_made_safe()
    {
        var outcome = await MailHtml.PrepareAsync("<p onclick=\"x()\">Hello <b>team</b></p><script>alert(1)</script>", Limits);

        outcome.Html!.Value.Should().Be("<p>Hello <b>team</b></p>");
        outcome.Refusal.Should().BeNull();
    }

    [Fact]
    public async Task Html_that_outlasts_the_time_budget_is_refused()
    {
        var outcome = await MailHtml.PrepareAsync("<p>Hello</p>", Limits with { Budget = TimeSpan.Zero });

        outcome.IsShown.Should().BeFalse();
        outcome.Refusal.Should().Be("making the HTML safe took longer than 0 s");
    }

    private static string Repeat(string value, int times) => string.Concat(Enumerable.Repeat(value, times));
}
