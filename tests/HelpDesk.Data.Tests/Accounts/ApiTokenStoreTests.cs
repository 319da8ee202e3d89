using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Accounts;

public abstract class ApiTokenStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 12, 3, 9, 30, 0, DateTimeKind.Utc);

    private ApiTokenStore Store => new(Connections);

    [SkippableFact]
    public async Task CreateAsync_SavesTheToken_FoundByItsKey_WithItsAuditLine()
    {
        var owner = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var text = ApiTokenText.New();

        var id = await Store.CreateAsync(Token(owner, text), Audit(owner, "API token created"));

        var found = await Store.FindByKeyAsync(text.Key);
        found.Should().NotBeNull();
        found!.Id.Should().Be(id);
        found.Scopes.Should().Equal(ApiScopes.ReadTickets, ApiScopes.WriteTickets);
        found.ExpiresUtc.Should().Be(Now.AddDays(30));
        found.LastUsedUtc.Should().BeNull();
        text.Matches(found.SecretHash).Should().BeTrue();
        (await Store.FindByKeyAsync(ApiTokenText.New().Key)).Should().BeNull();
        (await new ManageAuditStore(Connections).ListAsync(AuditSubjects.Account, owner)).Should().ContainSingle(a => a.Action == "API token created");
    }

    [SkippableFact]
    public async Task CreateAsync_KeepsOnlyTheSecretsHash()
    {
        var owner = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var text = ApiTokenText.New();

        await Store.CreateAsync(Token(owner, text), Audit(owner, "API token created"));

        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Name, string Scopes, string LookupKey, string SecretHash)>(
            "SELECT Name, Scopes, LookupKey, SecretHash FROM ApiTokens");
        new[] { row.Name, row.Scopes, row.LookupKey, row.SecretHash }.Should().NotContain(c => c.Contains(text.Secret, StringComparison.Ordinal));
        row.SecretHash.Should().Be(text.SecretHash());
    }

    [SkippableFact]
    public async Task ListAsync_GivesTheOwnersTokensNewestFirst_AndNoOneElses()
    {
        var ana = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var bob = await TestRows.UserAsync(Connections, "bob@contoso.example");
        var first = await Store.CreateAsync(Token(ana, ApiTokenText.New()), Audit(ana, "API token created"));
        var second = await Store.CreateAsync(Token(ana, ApiTokenText.New()), Audit(ana, "API token created"));
        await Store.CreateAsync(Token(bob, ApiTokenText.New()), Audit(bob, "API token created"));

        (await Store.ListAsync(ana)).Select(t => t.Id).Should().Equal(second, first);
    }

    [SkippableFact]
    public async Task RevokeAsync_RevokesOnlyTheOwnersToken_Once()
    {
        var ana = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var bob = await TestRows.UserAsync(Connections, "bob@contoso.example");
        var id = await Store.CreateAsync(Token(ana, ApiTokenText.New()), Audit(ana, "API token created"));

        (await Store.RevokeAsync(id, bob, bob, Now, Audit(bob, "API token revoked"))).Should().BeFalse("it is not Bob's");
        (await Store.RevokeAsync(id, ana, ana, Now.AddMinutes(1), Audit(ana, "API token revoked"))).Should().BeTrue();
        (await Store.RevokeAsync(id, ana, ana, Now.AddMinutes(2), Audit(ana, "API token revoked"))).Should().BeFalse("it is revoked already");

        var token = await Store.GetAsync(id);
        token!.RevokedUtc.Should().Be(Now.AddMinutes(1));
        token.Version.Should().Be(2);
        ApiTokenRules.StateOf(token, Now.AddMinutes(3)).Should().Be(ApiTokenState.Revoked);
        (await new ManageAuditStore(Connections).ListAsync(AuditSubjects.Account, ana)).Count(a => a.Action == "API token revoked").Should().Be(1);
        (await new ManageAuditStore(Connections).ListAsync(AuditSubjects.Account, bob)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task RecordUseAsync_WritesAtMostOnceAMinute()
    {
        var owner = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var id = await Store.CreateAsync(Token(owner, ApiTokenText.New()), Audit(owner, "API token created"));

        (await Store.RecordUseAsync(id, Now)).Should().BeTrue();
        (await Store.RecordUseAsync(id, Now.AddSeconds(30))).Should().BeFalse();
        (await Store.GetAsync(id))!.LastUsedUtc.Should().Be(Now);

        (await Store.RecordUseAsync(id, Now.AddSeconds(61))).Should().BeTrue();
        (await Store.GetAsync(id))!.LastUsedUtc.Should().Be(Now.AddSeconds(61));
    }

    [SkippableFact]
    public async Task FindByKeyAsync_ReadsTheExpiry_SoAnExpiredTokenIsTold()
    {
        var owner = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var text = ApiTokenText.New();
        await Store.CreateAsync(Token(owner, text) with { ExpiresUtc = Now.AddMinutes(5) }, Audit(owner, "API token created"));

        var found = await Store.FindByKeyAsync(text.Key);

        ApiTokenRules.StateOf(found!, Now.AddMinutes(4)).Should().Be(ApiTokenState.Active);
        ApiTokenRules.StateOf(found!, Now.AddMinutes(5)).Should().Be(ApiTokenState.Expired);
    }

    [SkippableFact]
    public async Task ServiceAccounts_AreMarked_AndListedWithTheirUsableTokens()
    {
        var admin = await TestRows.UserAsync(Connections, "admin@helpdesk.test");
        var crm = await TestRows.UserAsync(Connections, "crm-1a2b3c@service.invalid");
        var person = await TestRows.UserAsync(Connections, "ana@contoso.example");
        var accounts = new ServiceAccountStore(Connections);
        await accounts.MarkAsync(crm, admin, Now, Audit(crm, "service account created"));
        await Store.CreateAsync(Token(crm, ApiTokenText.New()), Audit(crm, "API token created"));
        var revoked = await Store.CreateAsync(Token(crm, ApiTokenText.New()), Audit(crm, "API token created"));
        await Store.RevokeAsync(revoked, crm, admin, Now, Audit(crm, "API token revoked"));
        await Store.CreateAsync(Token(crm, ApiTokenText.New()) with { ExpiresUtc = Now.AddMinutes(-1) }, Audit(crm, "API token created"));

        (await accounts.IsServiceAccountAsync(crm)).Should().BeTrue();
        (await accounts.IsServiceAccountAsync(person)).Should().BeFalse();
        var listed = await accounts.ListAsync(Now);
        listed.Should().ContainSingle().Which.Should().Match<ServiceAccount>(a => a.UserId == crm && a.ActiveTokens == 1 && a.Email == "crm-1a2b3c@service.invalid");
        (await new ManageAuditStore(Connections).ListAsync(AuditSubjects.Account, crm)).Should().Contain(a => a.Action == "service account created");
    }

    private static ApiToken Token(int owner, ApiTokenText text) => new()
    {
        UserId = owner,
        Name = "CRM sync",
        Scopes = [ApiScopes.WriteTickets, ApiScopes.ReadTickets],
        LookupKey = text.Key,
        SecretHash = text.SecretHash(),
        CreatedById = owner,
        CreatedUtc = Now,
        ExpiresUtc = Now.AddDays(30),
    };

    private static ManageAuditEntry Audit(int owner, string action) => new()
    {
        Subject = AuditSubjects.Account,
        SubjectId = owner,
        ActorId = owner,
        Action = action,
        AtUtc = Now,
    };
}

public sealed class SqliteApiTokenStoreTests : ApiTokenStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerApiTokenStoreTests : ApiTokenStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
