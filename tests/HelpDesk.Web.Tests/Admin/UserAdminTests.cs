using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Audit;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Admin;

/// <summary>
/// The admin's control of accounts: invite, search, roles, deactivate, reactivate, password reset, and the audit of
/// each, through the pages as an administrator's browser uses them.
/// </summary>
public sealed partial class UserAdminTests(UserAdminTests.CheckEveryRequestApp app) : IClassFixture<UserAdminTests.CheckEveryRequestApp>
{
    private const string Admin = "admin@helpdesk.test";

    [Fact]
    public async Task Invite_Staff_MailsASetPasswordLink_ThatLetsThemSignIn()
    {
        const string email = "erin.new@helpdesk.test";
        var admin = await app.SignInAsync(Admin);

        var response = await admin.PostFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Name"] = "Erin New",
            ["Input.Kind"] = "staff",
            ["Input.Roles"] = "Engineer",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be($"/admin/users/{await app.UserIdAsync(email)}");
        (await app.RolesOfAsync(email)).Should().Equal("Engineer");
        var mail = (await app.OutboxForAsync(email)).Should().ContainSingle(m => m.Kind == "account-invitation").Subject;
        mail.TextBody.Should().Contain($"{HelpDeskAppFactory.PublicUrl}/account/resetpassword?email=");

        await app.SetPasswordThroughLinkAsync(email, "account-invitation", "Erin-first-pass-1");

        var erin = await app.SignInAsync(email, "Erin-first-pass-1");
        (await erin.GetAsync("/desk")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AuditAsync(email)).Should().Equal("invited: as Engineer");
    }

    [Fact]
    public async Task Invite_CustomerContact_JoinsTheOrganisationChosen()
    {
        const string email = "carla.contact@elsewhere.example";
        var admin = await app.SignInAsync(Admin);
        var northwind = await app.OrganisationIdAsync("Northwind Traders");

        var response = await admin.PostFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Name"] = "Carla Contact",
            ["Input.Kind"] = "customer",
            ["Input.Roles"] = "Admin",
            ["Input.OrganisationId"] = $"{northwind}",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync(email)).Should().Equal(["Customer"], "a customer contact gets no staff role, whatever the form says");
        (await app.OrganisationOfAsync(email)).Should().Be("Northwind Traders");
        (await AuditAsync(email)).Should().Equal("invited: as a customer contact of Northwind Traders");
    }

    [Theory]
    [InlineData("customer@northwind.example", "staff", "Engineer", "", "already has an account")]
    [InlineData("nobody.yet@contoso.example", "customer", "", "", "Choose the organisation")]
    [InlineData("nobody.yet@helpdesk.test", "staff", "", "", "Choose at least one staff role")]
    [InlineData("not-an-address", "staff", "Engineer", "", "Enter an email address")]
    public async Task Invite_ShowsWhatIsWrongBesideTheForm_AndCreatesNothing(string email, string kind, string role, string organisation, string error)
    {
        var admin = await app.SignInAsync(Admin);
        var before = await app.UserCountAsync(email);

        var response = await admin.PostFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Name"] = "Someone",
            ["Input.Kind"] = kind,
            ["Input.Roles"] = role,
            ["Input.OrganisationId"] = organisation,
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain(error);
        (await app.UserCountAsync(email)).Should().Be(before);
    }

    [Fact]
    public async Task List_SearchesByTextRoleAndState_APageAtATime()
    {
        var admin = await app.SignInAsync(Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // More accounts than one page holds, whatever else the tests added.
            var users = scope.ServiceProvider.GetRequiredService<HelpDesk.Web.Accounts.HelpDeskUserManager>();
            for (var i = await CountAccountsAsync(); i <= AccountQuery.DefaultPageSize; i++)
            {
                var email = $"paging{i}@contoso.example";
                (await users.CreateAsync(new HelpDeskUser { UserName = email, Email = email, DisplayName = $"Paging {i}" })).Succeeded.Should().BeTrue();
            }
        }

        var byOrganisation = await admin.GetStringAsync("/admin/users?q=northwind");
        var engineers = await admin.GetStringAsync("/admin/users?role=Engineer");
        var first = UserIds(await admin.GetStringAsync("/admin/users"));
        var second = UserIds(await admin.GetStringAsync("/admin/users?p=2"));

        byOrganisation.Should().Contain("customer@northwind.example").And.NotContain("engineer@helpdesk.test");
        engineers.Should().Contain("engineer@helpdesk.test").And.NotContain("customer@northwind.example");
        first.Should().HaveCount(AccountQuery.DefaultPageSize);
        (await admin.GetStringAsync("/admin/users")).Should().Contain("href=\"/admin/users?p=2\"");
        second.Should().NotBeEmpty().And.NotIntersectWith(first);
        (await admin.GetStringAsync("/admin/users?q=%25")).Should().Contain("0 accounts", "a wildcard typed is searched for as written");
        (await admin.GetStringAsync("/admin/users?state=Deactivated&q=helpdesk.test")).Should().NotContain("engineer@helpdesk.test");
    }

    [Fact]
    public async Task Roles_AreReplaced_AndTheChangeIsAuditedFromAndTo()
    {
        const string email = "kenji.sato@helpdesk.test";
        var admin = await app.SignInAsync(Admin);
        var id = await app.UserIdAsync(email);

        var response = await PostAsync(admin, id, "Roles", ("roles", "Engineer"), ("roles", "Manager"), ("roles", "Superuser"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync(email)).Should().Equal("Engineer", "Manager");
        (await AuditAsync(email)).Should().Equal("roles changed: Engineer → Engineer, Manager");
        WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/users/{id}")).Should().Contain("Engineer → Engineer, Manager").And.Contain("Ada Admin");
    }

    [Fact]
    public async Task Roles_RefusesToTakeAdminFromYourself()
    {
        var admin = await app.SignInAsync(Admin);

        var response = await PostAsync(admin, await app.UserIdAsync(Admin), "Roles", ("roles", "Manager"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("You cannot take the Admin role from yourself");
        (await app.RolesOfAsync(Admin)).Should().Equal("Admin");
    }

    [Fact]
    public async Task AChangeFromAStalePage_IsRefusedWith409_AndOverwritesNothing()
    {
        const string email = "lena.fischer@helpdesk.test";
        var admin = await app.SignInAsync(Admin);
        var id = await app.UserIdAsync(email);
        var staleStamp = await StampAsync(admin, id);
        (await PostAsync(admin, id, "Roles", ("roles", "Engineer"), ("roles", "Manager"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var roles = await PostAsync(admin, id, "Roles", staleStamp, ("roles", "Engineer"));
        var deactivate = await PostAsync(admin, id, "Deactivate", staleStamp);

        roles.StatusCode.Should().Be(HttpStatusCode.Conflict);
        PageText.ErrorsOf(await roles.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this account");
        deactivate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await app.RolesOfAsync(email)).Should().Equal("Engineer", "Manager");
        (await StateAsync(email)).Should().BeNull();
    }

    [Fact]
    public async Task Deactivate_EndsTheCookieBearerAndRefreshToken_AndSignInIsRefused_UntilReactivated()
    {
        const string email = "marco.rossi@helpdesk.test";
        var admin = await app.SignInAsync(Admin);
        var id = await app.UserIdAsync(email);
        var browser = await app.SignInAsync(email);
        var (script, refreshToken) = await app.LogInWithTokensAsync(email);
        (await browser.GetAsync("/desk")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await PostAsync(admin, id, "Deactivate");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StateAsync(email)).Should().NotBeNull();
        ShouldSendToSignIn(await browser.GetAsync("/desk"));
        (await script.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateAnonymousClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var signIn = await app.TrySignInAsync(email, HelpDeskAppFactory.Password);
        PageText.ErrorsOf(await signIn.Content.ReadAsStringAsync()).Should().Contain("This account has been deactivated");
        (await app.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { email, password = HelpDeskAppFactory.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.GetStringAsync("/admin/users?state=Deactivated")).Should().Contain(email);
        var resetMails = (await app.OutboxForAsync(email)).Count(m => m.Kind == "password-reset");
        (await app.CreateAnonymousClient().PostFormAsync("/account/forgotpassword", new Dictionary<string, string> { ["Input.Email"] = email }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.OutboxForAsync(email)).Count(m => m.Kind == "password-reset").Should().Be(resetMails, "a leaver is sent no reset link");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<IPeopleDirectory>();
            (await people.FindByEmailAsync(email))!.IsStaff.Should().BeFalse("a leaver's mail is not a colleague's");
            (await people.ListStaffAsync()).Should().NotContain(p => p.Email == email, "no ticket can be assigned to a leaver");
            (await scope.ServiceProvider.GetRequiredService<HelpDesk.Core.Routing.IEngineerStore>().GetAsync(id!.Value))!.Available
                .Should().BeFalse("the router gives a leaver no more tickets");
        }

        (await PostAsync(admin, id, "Reactivate")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await StateAsync(email)).Should().BeNull();
        var again = await app.SignInAsync(email);
        (await again.GetAsync("/desk")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AuditAsync(email)).Should().Equal("reactivated", "deactivated: every session ended");
    }

    [Fact]
    public async Task Deactivate_RefusesYourOwnAccount_AndSaysWhy()
    {
        var admin = await app.SignInAsync(Admin);

        var response = await PostAsync(admin, await app.UserIdAsync(Admin), "Deactivate");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("You cannot deactivate your own account");
        (await StateAsync(Admin)).Should().BeNull();
    }

    [Fact]
    public async Task TheStore_NeverLeavesTheHelpDeskWithoutAnActiveAdministrator()
    {
        // Two administrators deactivating each other at once pass the page's check together; the store's check, in
        // the write's transaction, stops the second.
        var id = (await app.UserIdAsync(Admin))!.Value;
        var stamp = await StampAsync(await app.SignInAsync(Admin), id);
        var line = new ManageAuditEntry { Subject = AuditSubjects.Account, SubjectId = id, Action = "deactivated", AtUtc = DateTime.UtcNow };
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<IAccountStore>();

        (await accounts.SetDeactivatedAsync(id, stamp, DateTime.UtcNow, line)).Should().Be(AccountWrite.LastAdmin);
        (await accounts.ChangeRolesAsync(id, stamp, [Roles.Manager], line)).Should().Be(AccountWrite.LastAdmin);

        (await StateAsync(Admin)).Should().BeNull();
        (await app.RolesOfAsync(Admin)).Should().Equal("Admin");
        (await AuditAsync(Admin)).Should().BeEmpty();
    }

    [Fact]
    public async Task SendReset_MailsTheResetLink_AndIsAudited()
    {
        const string email = "customer@adatum.example";
        var admin = await app.SignInAsync(Admin);

        var response = await PostAsync(admin, await app.UserIdAsync(email), "Reset", stamp: null);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await app.SetPasswordThroughLinkAsync(email, "password-reset", "Reset-by-admin-2");
        (await app.TrySignInAsync(email, "Reset-by-admin-2")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AuditAsync(email)).Should().Equal($"password reset sent: to {email}");
    }

    [Theory]
    [InlineData("GET", "/admin/users", null)]
    [InlineData("GET", "/admin/users/invite", null)]
    [InlineData("POST", "/admin/users/invite", null)]
    [InlineData("GET", "/admin/users/{id}", null)]
    [InlineData("POST", "/admin/users/{id}", "Roles")]
    [InlineData("POST", "/admin/users/{id}", "Deactivate")]
    [InlineData("POST", "/admin/users/{id}", "Reactivate")]
    [InlineData("POST", "/admin/users/{id}", "Reset")]
    public async Task EveryPageAndAction_IsForbiddenToAnyoneButAnAdministrator(string method, string path, string? handler)
    {
        var target = path.Replace("{id}", $"{await app.UserIdAsync("engineer@helpdesk.test")}", StringComparison.Ordinal)
            + (handler is null ? "" : $"?handler={handler}");
        var form = new Dictionary<string, string> { ["roles"] = "Admin", ["Input.Email"] = "sneaky@helpdesk.test", ["Input.Name"] = "Sneaky", ["Input.Roles"] = "Admin" };

        foreach (var visitor in new[] { "customer@northwind.example", "engineer@helpdesk.test", "manager@helpdesk.test" })
        {
            var client = await app.SignInAsync(visitor);
            var response = method == "GET" ? await client.GetAsync(target) : await client.PostAsync(target, new FormUrlEncodedContent(form));
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{visitor} is no administrator");
        }

        var anonymous = method == "GET"
            ? await app.CreateAnonymousClient().GetAsync(target)
            : await app.CreateAnonymousClient().PostAsync(target, new FormUrlEncodedContent(form));
        ShouldSendToSignIn(anonymous);
        (await app.RolesOfAsync("engineer@helpdesk.test")).Should().Equal("Engineer");
        (await app.UserCountAsync("sneaky@helpdesk.test")).Should().Be(0);
        (await StateAsync("engineer@helpdesk.test")).Should().BeNull();
    }

    [Fact]
    public async Task EveryForm_CarriesAnAntiforgeryToken_AndAPostWithoutItIsRejected()
    {
        var admin = await app.SignInAsync(Admin);
        var id = await app.UserIdAsync("priya.shah@helpdesk.test");

        var page = await admin.GetStringAsync($"/admin/users/{id}");
        var invite = await admin.GetStringAsync("/admin/users/invite");

        FormPattern().Matches(page).Should().HaveCount(3, "roles, deactivate and reset");
        FormPattern().Matches(page).Concat(FormPattern().Matches(invite)).Should().OnlyContain(form => form.Value.Contains("__RequestVerificationToken"));
        var withoutToken = await admin.PostAsync(
            $"/admin/users/{id}?handler=Deactivate", new FormUrlEncodedContent(new Dictionary<string, string> { ["stamp"] = await StampAsync(admin, id) }));
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StateAsync("priya.shah@helpdesk.test")).Should().BeNull();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient admin, int? id, string handler, params (string Name, string Value)[] fields) =>
        PostAsync(admin, id, handler, stamp: "", fields);

    /// <param name="stamp">The stamp to send; empty to read the page's own, null to send none.</param>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, int? id, string handler, string? stamp, params (string Name, string Value)[] fields)
    {
        var url = $"/admin/users/{id}";
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (stamp is not null)
        {
            form.Add(new("stamp", stamp.Length > 0 ? stamp : await StampAsync(admin, id)));
        }

        return await admin.PostFormAsync(url, form, handler);
    }

    private static async Task<string> StampAsync(HttpClient admin, int? id) =>
        StampPattern().Match(await admin.GetStringAsync($"/admin/users/{id}")).Groups[1].Value;

    /// <summary>The account's audit lines, newest first, as "action: detail".</summary>
    private async Task<List<string>> AuditAsync(string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        var lines = await connection.QueryAsync<(string Action, string Detail)>(
            """
            SELECT a.Action, a.Detail FROM ManageAudit a INNER JOIN Users u ON u.Id = a.SubjectId
            WHERE a.Subject = 'account' AND u.NormalizedEmail = @Email
            ORDER BY a.Id DESC
            """,
            new { Email = email.ToUpperInvariant() });
        return [.. lines.Select(l => l.Detail.Length == 0 ? l.Action : $"{l.Action}: {l.Detail}")];
    }

    private async Task<int> CountAccountsAsync()
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Users");
    }

    private async Task<string?> StateAsync(string email)
    {
        await using var connection = await app.Connections.OpenAsync();
        return await connection.QuerySingleAsync<string?>(
            "SELECT DeactivatedUtc FROM Users WHERE NormalizedEmail = @Email", new { Email = email.ToUpperInvariant() });
    }

    private static List<string> UserIds(string html) => [.. UserLink().Matches(html).Select(m => m.Groups[1].Value)];

    private static void ShouldSendToSignIn(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/signin");
    }

    [GeneratedRegex("name=\"stamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampPattern();

    [GeneratedRegex("<a href=\"/admin/users/(\\d+)\">")]
    private static partial Regex UserLink();

    // The page's own forms, not the sign-out form of the layout.
    [GeneratedRegex("<form method=\"post\" (?!action=\"/account/signout\").*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    public sealed class CheckEveryRequestApp()
        : HelpDeskAppFactory(new Dictionary<string, string?> { ["Accounts:SessionCheckSeconds"] = "0" });
}
