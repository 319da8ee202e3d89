using System.Security.Claims;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>A bearer token is decrypted once a minute at most, and every request gets its own copy of what it holds.</summary>
public sealed class RememberedBearerTokensTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat _format = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("bearer")));

    private RememberedBearerTokens Tokens => new(_format, _clock);

    [Fact]
    public void Unprotect_DecryptsAToken_OncePerLifetime()
    {
        var tokens = Tokens;
        var token = tokens.Protect(Ticket("kenji"));

        var first = tokens.Unprotect(token);
        var second = tokens.Unprotect(token);
        _clock.Advance(RememberedBearerTokens.Lifetime);
        var third = tokens.Unprotect(token);

        _format.Decrypted.Should().Be(2, "the second read came from memory; the third came after the lifetime");
        foreach (var ticket in new[] { first, second, third })
        {
            ticket!.Principal.Identity!.Name.Should().Be("kenji");
            ticket.Properties.ExpiresUtc.Should().Be(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
        }
    }

    [Fact]
    public void Unprotect_GivesEachCallerItsOwnCopy()
    {
        var tokens = Tokens;
        var token = tokens.Protect(Ticket("lena"));

        var first = tokens.Unprotect(token)!;
        first.Principal.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Manager")], "added"));
        first.Properties.Items["changed"] = "yes";
        var second = tokens.Unprotect(token)!;

        second.Principal.IsInRole("Manager").Should().BeFalse();
        second.Principal.Identities.Should().ContainSingle();
        second.Properties.Items.Should().NotContainKey("changed");
    }

    [Fact]
    public void Unprotect_NeverRemembersATokenThatDoesNotDecrypt()
    {
        var tokens = Tokens;
        var tampered = tokens.Protect(Ticket("priya"))[..^4] + "AAAA";

        tokens.Unprotect(tampered).Should().BeNull();
        tokens.Unprotect(tampered).Should().BeNull();
        tokens.Unprotect("not a token").Should().BeNull();

        _format.Decrypted.Should().Be(3, "each was tried in full");
    }

    [Fact]
    public void Unprotect_WithAPurpose_AlwaysDecrypts()
    {
        var tokens = Tokens;
        var token = tokens.Protect(Ticket("marco"), "refresh");

        tokens.Unprotect(token, "refresh")!.Principal.Identity!.Name.Should().Be("marco");
        tokens.Unprotect(token, "refresh")!.Principal.Identity!.Name.Should().Be("marco");

        _format.Decrypted.Should().Be(2);
    }

    private AuthenticationTicket Ticket(string name) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Identity.Bearer")),
        new AuthenticationProperties { ExpiresUtc = _clock.GetUtcNow().AddHours(1) },
        "Identity.Bearer");

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decrypted { get; private set; }

        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}
