using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>
/// <c>/manage/import</c>: the chosen file is checked first (every row's problems, nothing saved), a clean file is
/// imported whole from the check's form, and the page links the new records. People are an administrator's kind.
/// </summary>
public sealed partial class ImportPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";
    private const string OrganisationHeader = "name,region,segment,domains";

    [Fact]
    public async Task Check_WithABadRow_ListsTheRowsProblemsInTheApisWords_AndSavesNothing()
    {
        var manager = await app.SignInAsync(Manager);
        var good = ManageSeed.Unique("PageGood");
        var before = await app.CountAsync("Organisations");

        var html = await CheckAsync(manager, "organisations", "orgs.csv", OrganisationHeader, $"{good},Emea,Key,", ",Mars,Key,");

        html.Should().Contain("Problems in orgs.csv").And.Contain("Enter the organisation&#x27;s name.").And.Contain("Choose a region: Emea, Americas, Apac.");
        ErrorRows(html).Should().Contain([("2", "name"), ("2", "region")]).And.NotContain(e => e.Row == "1");
        html.Should().NotContain("handler=Import", "a file with problems cannot be imported");
        (await app.CountAsync("Organisations")).Should().Be(before);
    }

    [Fact]
    public async Task ACleanFile_IsReadyAfterTheCheck_AndTheImportSavesEveryRow_AndLinksThem()
    {
        var manager = await app.SignInAsync(Manager);
        var names = new[] { ManageSeed.Unique("PageA"), ManageSeed.Unique("PageB") };
        var before = await app.CountAsync("Organisations");

        var checkedPage = await CheckAsync(manager, "organisations", "good.csv", OrganisationHeader, [.. names.Select(n => $"{n},Apac,Standard,{n.ToLowerInvariant()}.example")]);

        checkedPage.Should().Contain("2 rows are ready").And.Contain("Import 2 rows");
        (await app.CountAsync("Organisations")).Should().Be(before, "checking saves nothing");

        var imported = await ImportAsync(manager, checkedPage);

        imported.Should().Contain("2 organisations imported from good.csv");
        (await app.CountAsync("Organisations")).Should().Be(before + 2);
        foreach (var name in names)
        {
            var id = await app.OrganisationIdAsync(name);
            imported.Should().Contain($"<a href=\"/manage/organisations/edit/{id}\">{name}</a>");
        }
    }

    [Fact]
    public async Task Contracts_ImportFromThePage_AndLinkToTheNewContract()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = await app.OrganisationAsync("PageContracted");
        var plan = await app.PlanAsync();
        var product = await app.ProductAsync("PageImported");
        var before = await app.CountAsync("Contracts");

        var checkedPage = await CheckAsync(manager, "contracts", "contracts.csv", "organisation,plan,products,starts,ends,value,currency,timezone",
            $"{organisation},{plan.Name},{product.Code},2027-01-01,2027-12-31,1200.00,,Europe/Berlin");
        var imported = await ImportAsync(manager, checkedPage);

        (await app.CountAsync("Contracts")).Should().Be(before + 1);
        imported.Should().MatchRegex("<a href=\"/manage/contracts/edit/[0-9]+\">C-[0-9]{4,}</a>");
    }

    [Theory]
    [InlineData("people.xlsx", "name,region,segment,domains\n", "is not a CSV file")]
    [InlineData("empty.csv", "", "is empty")]
    [InlineData("binary.csv", "PK\0\u0003binary", "is not a CSV file")]
    [InlineData("header.csv", "name,region,segment,domains\n", "has its header line but no rows")]
    public async Task AFileThatIsNotAnImport_GetsAFieldError_NotACrash(string fileName, string content, string message)
    {
        var manager = await app.SignInAsync(Manager);

        var response = await PostFileAsync(manager, "organisations", fileName, Encoding.UTF8.GetBytes(content));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(html).Should().Contain(message);
        html.Should().NotContain("Import 0");
    }

    [Fact]
    public async Task AFileOverTheLimit_GetsAFieldErrorNamingTheLimit()
    {
        var manager = await app.SignInAsync(Manager);
        var large = Encoding.UTF8.GetBytes(OrganisationHeader + "\n" + new string('x', HelpDesk.Web.Import.ImportFile.MaxBytes));

        var response = await PostFileAsync(manager, "organisations", "large.csv", large);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageText.ErrorsOf(await response.Content.ReadAsStringAsync()).Should().Contain("is larger than 1 MB");
    }

    [Fact]
    public async Task TheTemplate_DownloadsAsACsvFile()
    {
        var manager = await app.SignInAsync(Manager);

        var response = await manager.GetAsync("/manage/import?handler=Template&kind=contracts");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("contracts-template.csv");
        (await response.Content.ReadAsStringAsync()).Should().StartWith("organisation,plan,products,starts,ends,value,currency,timezone\n");
    }

    [Fact]
    public async Task People_AreHiddenFromAManager_AndRefusedWhenPosted()
    {
        var manager = await app.SignInAsync(Manager);
        var before = await app.CountAsync("Users");

        var page = await manager.GetStringAsync("/manage/import");
        var posted = await PostFileAsync(manager, "people", "people.csv", Encoding.UTF8.GetBytes($"organisation,name,email\nNorthwind Traders,Someone,someone-{Guid.NewGuid():N}@northwind.example\n"));
        var template = await manager.GetAsync("/manage/import?handler=Template&kind=people");

        page.Should().Contain("value=\"organisations\"").And.Contain("value=\"contracts\"").And.NotContain("value=\"people\"");
        posted.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        template.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CountAsync("Users")).Should().Be(before);
    }

    [Fact]
    public async Task AnAdministrator_ImportsPeopleOnly_AndTheyAreInvited()
    {
        var admin = await app.SignInAsync(Admin);
        var email = $"page-{Guid.NewGuid():N}"[..13] + "@northwind.example";

        var page = await admin.GetStringAsync("/manage/import");
        var checkedPage = await CheckAsync(admin, "people", "people.csv", "organisation,name,email", $"Northwind Traders,Page Person,{email}");
        var imported = await ImportAsync(admin, checkedPage);

        page.Should().Contain("value=\"people\"").And.NotContain("value=\"organisations\"").And.NotContain("value=\"contracts\"");
        imported.Should().Contain("1 customer contacts imported");
        var id = await app.UserIdAsync(email);
        id.Should().NotBeNull();
        imported.Should().Contain($"<a href=\"/admin/users/{id}\">{email}</a>");
        (await app.OutboxForAsync(email)).Should().ContainSingle();
    }

    [Theory]
    [InlineData(Engineer)]
    [InlineData(NorthwindCustomer)]
    public async Task OtherRoles_AreRefused(string email)
    {
        var client = await app.SignInAsync(email);

        var response = await client.GetAsync("/manage/import");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnonymousVisitors_AreSentToSignIn()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/manage/import");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/signin");
    }

    private static async Task<string> CheckAsync(HttpClient client, string kind, string fileName, string header, params string[] rows)
    {
        var response = await PostFileAsync(client, kind, fileName, Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows) + "\n"));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, PageText.ErrorsOf(html));
        return html;
    }

    /// <summary>Sends the check's import form as the browser does: its hidden fields and its anti-forgery token.</summary>
    private static async Task<string> ImportAsync(HttpClient client, string checkedPage)
    {
        var form = ImportForm().Match(checkedPage);
        form.Success.Should().BeTrue($"a clean file offers its import form ({string.Join("; ", ErrorRows(checkedPage))})");
        using var content = new MultipartFormDataContent();
        foreach (var input in HiddenInput().Matches(form.Value).Select(m => m.Value))
        {
            content.Add(new StringContent(WebUtility.HtmlDecode(Attribute("value", input))), Attribute("name", input));
        }

        var response = await client.PostAsync("/manage/import?handler=Import", content);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, PageText.ErrorsOf(html));
        return html;
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string kind, string fileName, byte[] bytes)
    {
        var page = await client.GetStringAsync("/manage/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(kind), "Kind" },
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "Upload", fileName },
        };
        return await client.PostAsync("/manage/import?handler=Check", content);
    }

    private static List<(string Row, string Column)> ErrorRows(string html) =>
        [.. ErrorRow().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [GeneratedRegex("<form[^>]*handler=Import.*?</form>", RegexOptions.Singleline)]
    private static partial Regex ImportForm();

    private static string Attribute(string name, string tag) => Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.Singleline)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<tr><td>([^<]+)</td><td>([^<]*)</td><td>")]
    private static partial Regex ErrorRow();
}
