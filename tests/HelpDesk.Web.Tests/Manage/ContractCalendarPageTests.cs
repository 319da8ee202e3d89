using System.Globalization;
using System.Net;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>A contract's own support time zone and holiday calendar, as the contract form edits them.</summary>
public sealed class ContractCalendarPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    [Fact]
    public async Task ContractForm_SavesTheSupportTimeZoneAndHolidayCalendar_CheckingTheZone_AndRecordsTheChange()
    {
        var manager = await app.SignInAsync(Manager);
        var product = await app.ProductAsync("Tokyo");
        var contract = await app.ContractAsync(await app.OrganisationIdAsync("Fabrikam Robotics"), await app.PlanAsync(), product, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var japan = (await app.Contracts().ListCalendarsAsync()).Single(c => c.Name == "Japanese national holidays");
        var url = $"/manage/contracts/edit/{contract.Id}";
        List<KeyValuePair<string, string>> Form(string zone) =>
        [
            new("Input.Version", contract.Version.ToString(CultureInfo.InvariantCulture)),
            new("Input.OrganisationId", contract.OrganisationId.ToString(CultureInfo.InvariantCulture)),
            new("Input.PlanId", contract.PlanId.ToString(CultureInfo.InvariantCulture)),
            new("Input.ProductIds", product.Id.ToString(CultureInfo.InvariantCulture)),
            new("Input.StartsOn", "2026-01-01"),
            new("Input.EndsOn", "2026-12-31"),
            new("Input.TimeZone", "Asia/Tokyo"),
            new("Input.SupportTimeZone", zone),
            new("Input.HolidayCalendarId", japan.Id.ToString(CultureInfo.InvariantCulture)),
            new("Input.Value", "12,000.00"),
        ];

        var bad = await manager.PostFormAsync(url, Form("Tokyo"));
        var good = await manager.PostFormAsync(url, Form("Asia/Tokyo"));

        PageText.ErrorsOf(await bad.Content.ReadAsStringAsync()).Should().Contain("'Tokyo' is not a time zone; use an IANA name such as Asia/Tokyo");
        good.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await good.Content.ReadAsStringAsync()));
        var saved = (await app.Contracts().GetContractAsync(contract.Id))!;
        saved.SupportTimeZone.Should().Be("Asia/Tokyo");
        saved.HolidayCalendarId.Should().Be(japan.Id);
        WebUtility.HtmlDecode(await manager.GetStringAsync(url)).Should()
            .Contain("changed</strong>: ")
            .And.Contain("support hours the plan's time zone → Asia/Tokyo; holidays the plan's holidays → Japanese national holidays.");
    }
}
