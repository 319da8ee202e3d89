using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class PublicSiteTests
{
    private static readonly PublicSite Site = new(new Uri("https://support.example.com/"));

    [Theory]
    [InlineData("/portal/offers/4", "https://support.example.com/portal/offers/4")]
    [InlineData("/account/resetpassword?email=a%40b.example&code=xyz", "https://support.example.com/account/resetpassword?email=a%40b.example&code=xyz")]
    public void Link_PutsAPathOnThePublicSite(string path, string expected) => Site.Link(path).Should().Be(expected);

    [Fact]
    public void Rebase_MovesALinkBuiltFromAForgedHostOntoThePublicSite() =>
        Site.Rebase("http://attacker.example:8080/api/auth/confirmEmail?userId=7&code=abc")
            .Should().Be("https://support.example.com/api/auth/confirmEmail?userId=7&code=abc");

    [Fact]
    public void Link_KeepsThePathTheSiteSitsUnder() =>
        new PublicSite(new Uri("https://example.com/helpdesk/")).Link("/portal").Should().Be("https://example.com/helpdesk/portal");
}
