using System.Net;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>
/// Every management edit that changes a versioned thing refuses a request without the version it read the same way:
/// 422 naming <c>version</c>, as any other required field, before anything is looked up or saved.
/// </summary>
public sealed class VersionRequiredTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    public static TheoryData<string> Edits() =>
    [
        "/api/organisations/1",
        "/api/catalogue/products/1",
        "/api/scope/1/draft",
        "/api/scope/1/draft/publish",
        "/api/scope/1/draft/discard",
        "/api/plans/1",
        "/api/holiday-calendars/1",
        "/api/contracts/1",
        "/api/contracts/1/cancel",
        "/api/contracts/1/reinstate",
        "/api/engineers/1",
        "/api/services/offerings/1/publish",
        "/api/services/offerings/1/retire",
        "/api/services/offerings/1/reactivate",
    ];

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task AnEditWithoutItsVersion_Is422_NamingVersion(string route)
    {
        using var manager = await app.SignInWithTokenAsync(TicketApi.Manager);

        var (status, problem) = await manager.PostJsonAsync(route, new { });

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.Errors().Keys.Should().Contain("version");
    }
}
