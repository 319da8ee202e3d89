using HelpDesk.Core.Organisations;

namespace HelpDesk.Core.Tests.Organisations;

public class OrganisationPlacementTests
{
    public static TheoryData<string, string?> Addresses => new()
    {
        { "ada@example.com", "example.com" },
        { "Ada.Lovelace@Example.CO.UK", "example.co.uk" },
        { "  ada@example.com  ", "example.com" },
        { "ada@ example.com ", "example.com" },
        { "\"odd@local\"@example.com", "example.com" },
        { "ada@sub.example.com", "sub.example.com" },
        { "", null },
        { "   ", null },
        { "ada", null },
        { "ada@", null },
        { "ada@   ", null },
        { "@example.com", null },
        { " @example.com", null },
        { "ada@exa mple.com", null },
        { "ada@.example.com", null },
        { "ada@example.com.", null },
        { "ada@example..com", null },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void EmailDomain_ReturnsTheLowerCasedPartAfterTheLastAt_OrNullWhenMalformed(string email, string? expected)
    {
        OrganisationPlacement.EmailDomain(email).Should().Be(expected);
    }

    [Theory]
    [InlineData("Example.COM", "example.com")]
    [InlineData("  example.com ", "example.com")]
    [InlineData("@Example.com", "example.com")]
    public void NormaliseDomain_TrimsDropsALeadingAtAndLowerCases(string domain, string expected)
    {
        OrganisationPlacement.NormaliseDomain(domain).Should().Be(expected);
    }

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("Outlook.com")]
    [InlineData("@hotmail.com")]
    [InlineData("yahoo.co.uk")]
    [InlineData("gmx.de")]
    [InlineData("outlook.com.br")]
    [InlineData("proton.me")]
    [InlineData("icloud.com")]
    public void PublicMailProviders_CannotBeAnOrganisationsDomain(string domain)
    {
        OrganisationPlacement.IsPublicMailDomain(domain).Should().BeTrue();
        OrganisationPlacement.DomainProblem(OrganisationPlacement.NormaliseDomain(domain)).Should().Contain("public mail provider");
    }

    [Theory]
    [InlineData("northwind.example")]
    [InlineData("live.example.com")]
    [InlineData("gmail.example.com")]
    [InlineData("mygmail.com")]
    public void CompanyDomains_ThatOnlyResembleAProvider_AreAccepted(string domain)
    {
        OrganisationPlacement.IsPublicMailDomain(domain).Should().BeFalse();
        OrganisationPlacement.DomainProblem(domain).Should().BeNull();
    }
}
