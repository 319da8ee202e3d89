using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Accounts;

public sealed class RegistrationTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string GoodPassword = "Register-me-1";

    public static TheoryData<string, string, string, string, string> RefusedForms() => new()
    {
        // email, password, password again, where the error shows, what it says
        { "weak.password@northwind.example", "short", "short", "Input.Password", "at least 10 characters" },
        { "not-an-email", GoodPassword, GoodPassword, "Input.Email", "Enter an email address such as name@example.com." },
        { "mismatch@northwind.example", GoodPassword, GoodPassword + "x", "Input.ConfirmPassword", "The two passwords differ." },
    };

    [Theory]
    [MemberData(nameof(RefusedForms))]
    public async Task Register_ShowsAFieldErrorAndCreatesNoUser_WhenTheFormIsWrong(
        string email, string password, string again, string field, string message)
    {
        var before = await app.UserCountAsync(email);

        var response = await RegisterAsync(app.CreateAnonymousClient(), email, password, again);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the form comes back with the errors");
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, field).Should().Contain(message);
        (await app.UserCountAsync(email)).Should().Be(before);
        (await app.OutboxForAsync(email)).Should().NotContain(m => m.Kind == "account-confirmation");
    }

    [Fact]
    public async Task Register_MailsAConfirmationLinkThatPlacesTheCustomer_WhenTheDomainIsOwned()
    {
        const string email = "new.buyer@northwind.example";
        var client = app.CreateAnonymousClient();

        var response = await RegisterAsync(client, email, GoodPassword, GoodPassword);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync(email)).Should().Equal("Customer");
        (await app.OrganisationOfAsync(email)).Should().BeNull("nobody is placed before confirming the address");
        var mail = (await app.OutboxForAsync(email)).Should().ContainSingle().Subject;
        mail.Kind.Should().Be("account-confirmation");

        var confirm = await client.GetAsync(await app.LinkInLatestMailAsync(email, "account-confirmation"));

        confirm.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await confirm.Content.ReadAsStringAsync();
        html.Should().Contain("Email confirmed").And.Contain("You have joined Northwind Traders");
        (await app.OrganisationOfAsync(email)).Should().Be("Northwind Traders");
        var portal = await (await app.SignInAsync(email, GoodPassword)).GetStringAsync("/portal");
        portal.Should().Contain("Northwind Traders");
    }

    [Fact]
    public async Task SignIn_IsRefusedWithConfirmYourEmail_BeforeTheAddressIsConfirmed()
    {
        const string email = "unconfirmed@northwind.example";
        (await RegisterAsync(app.CreateAnonymousClient(), email, GoodPassword, GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var response = await app.TrySignInAsync(email, GoodPassword);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in form comes back instead of a redirect");
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("Confirm your email address first");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("helpdesk.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmEmail_SaysTheLinkDoesNotWork_WhenTheCodeIsWrong()
    {
        const string email = "tampered@northwind.example";
        var client = app.CreateAnonymousClient();
        await RegisterAsync(client, email, GoodPassword, GoodPassword);
        var userId = await app.UserIdAsync(email);

        var html = await client.GetStringAsync($"/account/confirmemail?userId={userId}&code=AAAA");

        html.Should().Contain("This link does not work");
        (await app.OrganisationOfAsync(email)).Should().BeNull();
    }

    [Fact]
    public async Task Register_LeavesTheCustomerForAManagerToPlace_WhenNoOrganisationOwnsTheDomain()
    {
        const string email = "solo@nobody-owns-this.example";
        var client = app.CreateAnonymousClient();
        await RegisterAsync(client, email, GoodPassword, GoodPassword);

        var confirmed = await client.GetStringAsync(await app.LinkInLatestMailAsync(email, "account-confirmation"));

        confirmed.Should().Contain("a manager will place your account");
        (await app.OrganisationOfAsync(email)).Should().BeNull();
        var customer = await app.SignInAsync(email, GoodPassword);
        (await customer.GetStringAsync("/portal")).Should().Contain("waiting for a manager");

        var manager = await app.SignInAsync("manager@helpdesk.test");
        (await manager.GetStringAsync("/manage")).Should().Contain($"Organisation for {email}");
        var contoso = await app.OrganisationIdAsync("Contoso Manufacturing");
        var confirmation = $"/manage/placement/{await app.UserIdAsync(email)}?organisationId={contoso}";
        var asked = WebUtility.HtmlDecode(await manager.GetStringAsync(confirmation));
        asked.Should().Contain($"Place {email} in Contoso Manufacturing?")
            .And.Contain($"{email} will see every ticket of Contoso Manufacturing, including those filed by other people there")
            .And.Contain("Check it is the right organisation: nobody-owns-this.example is not one of Contoso Manufacturing's domains (contoso.example).");
        (await app.OrganisationOfAsync(email)).Should().BeNull("asking is not placing");

        var placed = await manager.PostFormAsync(confirmation, new Dictionary<string, string> { ["organisationId"] = $"{contoso}" });

        placed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.OrganisationOfAsync(email)).Should().Be("Contoso Manufacturing");
        (await manager.GetStringAsync("/manage")).Should().NotContain($"Organisation for {email}", "the account is no longer awaiting placement");
        (await customer.GetStringAsync("/portal")).Should().Contain("Contoso Manufacturing");
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password, string again) =>
        client.PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Robin Register",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = again,
        });

    /// <summary>The text of the validation message shown beside one field.</summary>
    private static string FieldError(string html, string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            html, $"<span class=\"field-error[^\"]*\" data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>(.*?)</span>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }
}
