using HelpDesk.Core.Mail;

namespace HelpDesk.Core.Tests.Mail;

public sealed class SenderAuthenticationTests
{
    private const string Trusted = "mx.helpdesk.example";

    public static TheoryData<string, string[], string?, bool, bool, string> Cases => new()
    {
        { "DMARC passed", ["mx.helpdesk.example; spf=pass smtp.mailfrom=contoso.example; dmarc=pass (p=REJECT) header.from=contoso.example"], null, true, false, "mx.helpdesk.example: dmarc=pass for contoso.example" },
        { "DKIM passed for the From domain", ["mx.helpdesk.example 1; dkim=pass header.d=contoso.example header.s=s1; dmarc=none"], null, true, false, "mx.helpdesk.example: dkim=pass for contoso.example, aligned with contoso.example" },
        { "DKIM passed for a parent domain", ["mx.helpdesk.example; dkim=pass header.d=example"], null, true, false, "mx.helpdesk.example: dkim=pass for example, aligned with contoso.example" },
        { "DKIM passed for someone else's domain", ["mx.helpdesk.example; dkim=pass header.d=mailer.example; dmarc=none"], null, false, false, "mx.helpdesk.example: dkim=pass for mailer.example, not aligned with contoso.example; mx.helpdesk.example: dmarc=none" },
        { "DMARC failed", ["mx.helpdesk.example; dkim=fail header.d=contoso.example; dmarc=fail header.from=contoso.example"], null, false, true, "mx.helpdesk.example: dkim=fail; mx.helpdesk.example: dmarc=fail" },
        { "a pass from a server nobody trusts", ["mx.attacker.example; dmarc=pass header.from=contoso.example"], null, false, false, "no Authentication-Results from mx.helpdesk.example" },
        { "the sender's own pass below our server's fail", ["mx.helpdesk.example; dmarc=fail header.from=contoso.example", "mx.helpdesk.example; dmarc=pass header.from=contoso.example"], null, false, true, "mx.helpdesk.example: dmarc=fail" },
        { "a DMARC pass for another From domain", ["mx.helpdesk.example; dmarc=pass header.from=other.example"], null, false, false, "mx.helpdesk.example: dmarc=pass" },
        { "no header at all", [], null, false, false, "no Authentication-Results from mx.helpdesk.example" },
        { "a trusted relay handed it over", [], "gateway.helpdesk.example (gateway.helpdesk.example [192.0.2.7])", true, false, "received from the trusted relay 192.0.2.7" },
        { "another relay", [], "relay.attacker.example (relay.attacker.example [203.0.113.9])", false, false, "no Authentication-Results from mx.helpdesk.example" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Judge_TrustsOnlyTheConfiguredServerAndRelays(string what, string[] results, string? receivedFrom, bool verified, bool dmarcFailed, string reasons)
    {
        var email = MailWorld.From("ann@contoso.example") with { AuthenticationResults = results, ReceivedFrom = receivedFrom };

        var verdict = SenderAuthentication.Judge(email, Trusted, ["192.0.2.7"]);

        verdict.Should().Match<SenderVerdict>(v => v.Verified == verified && v.DmarcFailed == dmarcFailed, what);
        verdict.Summary.Should().Be(reasons, what);
    }

    [Fact]
    public void Judge_BelievesNoHeader_WhenNoServerIsTrusted()
    {
        var email = MailWorld.From("ann@contoso.example") with { AuthenticationResults = ["mx.helpdesk.example; dmarc=pass"] };

        var verdict = SenderAuthentication.Judge(email, null, []);

        verdict.Verified.Should().BeFalse();
        verdict.Summary.Should().Contain("Mail:TrustedAuthServId is not set");
    }

    [Fact]
    public void Parse_IgnoresCommentsAndReadsProperties()
    {
        var results = AuthenticationResults.Parse("mx.google.com; dkim=pass (2048-bit key; secure) header.i=@contoso.example header.d=\"contoso.example\"; spf=pass (google.com: domain of a@contoso.example) smtp.mailfrom=a@contoso.example")!;

        results.AuthServId.Should().Be("mx.google.com");
        results.Methods.Select(m => (m.Name, m.Result)).Should().Equal(("dkim", "pass"), ("spf", "pass"));
        results.Methods[0].Property("header.d").Should().Be("contoso.example");
    }
}
