using System.Net;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Routing;

/// <summary>Removing an engineer's skill is confirmed on a second step that says what follows; nothing changes until then.</summary>
public sealed class SkillRemovalPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private IEngineerStore Engineers => app.Services.GetRequiredService<IEngineerStore>();

    [Fact]
    public async Task RemovingTheOnlySkillOfAProduct_AsksFirst_SayingWhatFollows_ThenRemovesItOnConfirmation()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.EngineerAsync(seed, "Sol Solo", proficiency: 4);
        var ticket = await app.FileAsync(seed, RoutingSeed.Northwind, "Only Sol knows this one");
        (await app.TicketAsync(ticket.Id)).AssigneeId.Should().Be(engineer.Id);
        var before = (await Engineers.GetAsync(engineer.Id))!;
        var manager = await app.SignInAsync(RoutingSeed.Manager);
        var url = $"/manage/engineers/edit/{engineer.Id}";
        List<KeyValuePair<string, string>> Form(params (string, string)[] extra) =>
        [
            new("Input.Version", $"{before.Version}"),
            new("Input.Tier", "1"),
            new("Input.Sourcing", "InHouse"),
            new("Input.Skills[0].Product", ""),
            new("Input.Skills[0].Proficiency", "4"),
            new("Input.Languages", "en"),
            new("Input.Capacity", "5"),
            new("Input.Available", "true"),
            .. extra.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)),
        ];

        var asked = await manager.PostFormAsync(url, Form());

        asked.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        html.Should().Contain("Saving removes a skill from Sol Solo.")
            .And.Contain($"The router no longer gives Sol Solo {seed.Product.Name} tickets.")
            .And.Contain($"The open {seed.Product.Name} ticket Sol Solo holds stays with them.")
            .And.Contain($"No other engineer has a {seed.Product.Name} skill: new {seed.Product.Name} tickets will wait in the queue until someone who has it is added.");
        (await Engineers.GetAsync(engineer.Id))!.Skills.Should().ContainSingle("nothing is saved before the manager confirms");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.ConfirmedRemovals\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty();

        var confirmed = await manager.PostFormAsync(url, Form(("Input.ConfirmedRemovals", token)));

        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await confirmed.Content.ReadAsStringAsync()));
        (await Engineers.GetAsync(engineer.Id))!.Skills.Should().BeEmpty();
        (await app.TicketAsync(ticket.Id)).AssigneeId.Should().Be(engineer.Id, "the open ticket stays with them");
    }
}
