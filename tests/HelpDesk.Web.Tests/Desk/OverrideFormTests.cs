using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Entitlement;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.Desk;

/// <summary>The desk's override form asks for a verdict: it never starts on one, so nobody overrides by accident.</summary>
public sealed partial class OverrideFormTests(EntitlementAppFactory app) : IClassFixture<EntitlementAppFactory>
{
    [Fact]
    public async Task VerdictSelect_StartsOnChooseAVerdict()
    {
        var filed = await (await app.SignInWithTokenAsync(EntitlementSeed.Northwind)).FileOrbitAsync("Override form: placeholder", EntitlementSeed.EndedRelease);
        var engineer = await app.SignInAsync(EntitlementSeed.Engineer);

        var html = await engineer.GetStringAsync($"/desk/tickets/{filed.Text("number")}");

        var select = VerdictSelect().Match(html);
        select.Success.Should().BeTrue("the desk page has the override form");
        select.Groups[1].Value.Should().MatchRegex("^\\s*<option value=\"\">Choose a verdict…</option>").And.NotContain("selected");
    }

    [Fact]
    public async Task Override_WithoutAVerdict_IsAFieldError_AndSavesNothing()
    {
        var filed = await (await app.SignInWithTokenAsync(EntitlementSeed.Northwind)).FileOrbitAsync("Override form: no verdict", EntitlementSeed.EndedRelease);
        var engineer = await app.SignInAsync(EntitlementSeed.Engineer);

        var response = await engineer.PostFormAsync($"/desk/tickets/{filed.Text("number")}", new Dictionary<string, string>
        {
            ["Override.Verdict"] = "",
            ["Override.Reason"] = "Key account.",
            ["Version"] = $"{filed.Number("version")}",
        }, handler: "Override");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the form comes back with the error");
        var html = await response.Content.ReadAsStringAsync();
        VerdictError().Match(html).Groups[1].Value.Should().Contain("Choose the verdict to give the ticket.");
        (await app.VerdictRowAsync(filed.Number("id"))).Should().BeEquivalentTo(new { Verdict = "OutOfScope", Version = (long)filed.Number("version") });
    }

    [GeneratedRegex("<select name=\"Override.Verdict\">(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex VerdictSelect();

    [GeneratedRegex("<select name=\"Override.Verdict\">.*?</select>\\s*</label>\\s*<span class=\"field-error[^\"]*\"[^>]*>(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex VerdictError();
}
