using HelpDesk.Core.Accounts;

namespace HelpDesk.Core.Tests.Administration;

public sealed class ApiTokenTextTests
{
    [Fact]
    public void New_MakesATokenThatParsesBackAndMatchesItsHash()
    {
        var token = ApiTokenText.New();

        var text = token.ToString();

        text.Should().MatchRegex("^hd_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$");
        ApiTokenText.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(token);
        parsed!.Matches(token.SecretHash()).Should().BeTrue();
        token.SecretHash().Should().MatchRegex("^[0-9A-F]{64}$").And.NotContain(token.Secret);
    }

    [Fact]
    public void New_NeverRepeatsAKeyOrSecret()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ApiTokenText.New()).ToList();

        tokens.Select(t => t.Key).Should().OnlyHaveUniqueItems();
        tokens.Select(t => t.Secret).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Matches_IsFalse_ForAnotherSecretWithTheSameKey()
    {
        var token = ApiTokenText.New();
        var other = token with { Secret = ApiTokenText.New().Secret };

        other.Matches(token.SecretHash()).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eyJhbGciOi.identity.bearer")]
    [InlineData("hd_")]
    [InlineData("hd_0123456789abcdef")]
    [InlineData("hd_0123456789abcde_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("hd_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("hd_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("hd_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public void TryParse_Refuses_WhatIsNotAWholeToken(string? text)
    {
        ApiTokenText.TryParse(text, out var token).Should().BeFalse();
        token.Should().BeNull();
    }

    [Fact]
    public void TryParse_TakesASecretThatContainsUnderscores()
    {
        var text = "hd_0123456789abcdef_" + new string('_', 43);

        ApiTokenText.TryParse(text, out var token).Should().BeTrue();
        token!.Key.Should().Be("0123456789abcdef");
        token.Secret.Should().Be(new string('_', 43));
    }
}

public sealed class ApiTokenRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CheckNew_Accepts_ANamedTokenWithKnownScopesWithinAYear()
    {
        ApiTokenRules.CheckNew("CRM sync", [ApiScopes.ReadTickets], Now.AddDays(365), Now).Should().BeEmpty();
    }

    [Fact]
    public void CheckNew_NamesEachField_ThatIsWrong()
    {
        var errors = ApiTokenRules.CheckNew(" ", [], null, Now);

        errors.Select(e => e.Field).Should().BeEquivalentTo(["name", "scopes", "expires"]);
    }

    [Theory]
    [InlineData(-1, "future")]
    [InlineData(0, "future")]
    [InlineData(366, "within a year")]
    public void CheckNew_Refuses_AnExpiryInThePastOrBeyondAYear(int days, string message)
    {
        var errors = ApiTokenRules.CheckNew("CRM", [ApiScopes.ReadTickets], Now.AddDays(days), Now);

        errors.Should().ContainSingle().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void CheckNew_Refuses_AScopeThatDoesNotExist()
    {
        var errors = ApiTokenRules.CheckNew("CRM", [ApiScopes.ReadTickets, "tickets:delete"], Now.AddDays(30), Now);

        errors.Should().ContainSingle().Which.Message.Should().Contain("'tickets:delete' is not a scope");
    }

    [Fact]
    public void ExpiryFor_IsTheOfferedLifetime_OrTheEndOfTheChosenDay()
    {
        ApiTokenRules.ExpiryFor(90, null, Now).Should().Be(Now.AddDays(90));
        ApiTokenRules.ExpiryFor(0, new DateOnly(2027, 1, 31), Now).Should().Be(new DateTime(2027, 1, 31, 23, 59, 59, 999, DateTimeKind.Utc));
        ApiTokenRules.ExpiryFor(null, null, Now).Should().BeNull();
    }

    [Fact]
    public void StateOf_TellsRevokedBeforeExpired()
    {
        var token = Token() with { ExpiresUtc = Now.AddDays(-1), RevokedUtc = Now.AddDays(-2) };

        ApiTokenRules.StateOf(token, Now).Should().Be(ApiTokenState.Revoked);
        ApiTokenRules.StateOf(token with { RevokedUtc = null }, Now).Should().Be(ApiTokenState.Expired);
        ApiTokenRules.StateOf(token with { RevokedUtc = null, ExpiresUtc = Now.AddSeconds(1) }, Now).Should().Be(ApiTokenState.Active);
    }

    [Fact]
    public void ShouldRecordUse_AtMostOnceAMinute()
    {
        ApiTokenRules.ShouldRecordUse(null, Now).Should().BeTrue();
        ApiTokenRules.ShouldRecordUse(Now.AddSeconds(-59), Now).Should().BeFalse();
        ApiTokenRules.ShouldRecordUse(Now.AddMinutes(-1), Now).Should().BeTrue();
    }

    [Fact]
    public void Refusal_NamesTheMissingScope_AndRefusesRoutesWithoutOne()
    {
        string[] held = [ApiScopes.ReadTickets];

        ApiTokenRules.Refusal(held, ApiScopes.ReadTickets).Should().BeNull();
        ApiTokenRules.Refusal(held, ApiScopes.WriteTickets).Should().Contain("tickets:write");
        ApiTokenRules.Refusal(held, null).Should().Contain("cannot be used here");
    }

    [Fact]
    public void JoinAndSplit_KeepKnownScopesInTheirOrder()
    {
        var stored = ApiTokenRules.Join([ApiScopes.ReadEconomics, "nonsense", ApiScopes.ReadTickets, ApiScopes.ReadTickets]);

        stored.Should().Be("tickets:read economics:read");
        ApiTokenRules.Split(stored).Should().Equal(ApiScopes.ReadTickets, ApiScopes.ReadEconomics);
    }

    private static ApiToken Token() => new()
    {
        Name = "t",
        Scopes = [ApiScopes.ReadTickets],
        LookupKey = "0123456789abcdef",
        SecretHash = new string('A', 64),
        ExpiresUtc = Now.AddDays(30),
    };
}

public sealed class ServiceAccountRulesTests
{
    [Fact]
    public void CheckNew_NeedsAnOrganisation_ForACustomerServiceAccount()
    {
        ServiceAccountRules.CheckNew("CRM", Roles.Customer, organisationExists: false)
            .Should().ContainSingle().Which.Field.Should().Be("organisationId");
        ServiceAccountRules.CheckNew("CRM", Roles.Engineer, organisationExists: false).Should().BeEmpty();
        ServiceAccountRules.CheckNew("", "Boss", organisationExists: false).Select(e => e.Field).Should().BeEquivalentTo(["name", "role"]);
    }

    [Fact]
    public void EmailFor_IsAnUndeliverableAddressMadeFromTheName()
    {
        ServiceAccountRules.EmailFor("Billing  System (EU)!", "a1b2c3").Should().Be("billing-system-eu-a1b2c3@service.invalid");
        ServiceAccountRules.EmailFor("???", "a1b2c3").Should().Be("service-a1b2c3@service.invalid");
    }
}
