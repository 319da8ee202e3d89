using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Portal;

/// <summary>The filing form offers the environments the chosen product's scope names; with no product, all of them.</summary>
public sealed partial class EnvironmentListTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    private const string NewTicket = "/portal/tickets/new";
    private const string DemoEnvironment = "Ubuntu 22.04 LTS";

    [Fact]
    public async Task ChosenProduct_OffersOnlyItsEnvironments()
    {
        var customer = await app.SignInAsync(EntitlementSeed.Northwind);

        var html = await customer.GetStringAsync($"{NewTicket}?Input.Product={Uri.EscapeDataString(EntitlementSeed.ProductName)}");

        Environments(html).Should().Equal("", EntitlementSeed.EnvironmentName);
    }

    [Fact]
    public async Task NoProduct_OffersEveryEnvironment_AndTheScriptGetsEachProductsList()
    {
        var customer = await app.SignInAsync(EntitlementSeed.Northwind);

        var html = await customer.GetStringAsync(NewTicket);

        Environments(html).Should().Contain([EntitlementSeed.EnvironmentName, DemoEnvironment]);
        var data = WebUtility.HtmlDecode(EnvironmentData().Match(html).Groups[1].Value);
        data.Should().Contain($"\"{EntitlementSeed.ProductName}\":[\"{EntitlementSeed.EnvironmentName}\"]");
    }

    [Fact]
    public async Task CheckingCoverageWithoutAScript_KeepsTheListOfTheChosenProduct()
    {
        var customer = await app.SignInAsync(EntitlementSeed.Northwind);

        var response = await customer.PostMultipartAsync(NewTicket, new Dictionary<string, string>
        {
            ["Input.Product"] = EntitlementSeed.ProductName,
            ["Input.ProductRelease"] = EntitlementSeed.CurrentRelease,
            ["Input.Environment"] = EntitlementSeed.EnvironmentName,
        }, handler: "Check");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Environments(await response.Content.ReadAsStringAsync()).Should().Equal("", EntitlementSeed.EnvironmentName);
    }

    private static IReadOnlyList<string> Environments(string html)
    {
        var start = html.IndexOf("id=\"Input_Environment\"", StringComparison.Ordinal);
        start.Should().BePositive("the form has the environment list");
        var end = html.IndexOf("</select>", start, StringComparison.Ordinal);
        return [.. OptionValue().Matches(html[start..end]).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();

    [GeneratedRegex("<script type=\"application/json\" id=\"product-environments\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex EnvironmentData();
}
