using System.Net;
using HelpDesk.Core.Routing;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Routing;

/// <summary>Managers keep the router's picture of each engineer: profiles, rates, availability, and the workload it makes.</summary>
public sealed class EngineerPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private IEngineerStore Engineers => app.Services.GetRequiredService<IEngineerStore>();

    [Fact]
    public async Task List_ShowsStaffWithoutAProfileAsNotRouted_AndIsLinkedFromManage()
    {
        var newcomer = await app.StaffAsync("Nina Newcomer");
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var index = await manager.GetStringAsync("/manage");
        var list = await manager.GetStringAsync("/manage/engineers");

        index.Should().Contain("href=\"/manage/engineers\"").And.Contain("href=\"/manage/workload\"");
        var row = list[list.IndexOf($"data-engineer=\"{newcomer.Id}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.Should().Contain(newcomer.Name).And.Contain("not routed").And.Contain($"href=\"/manage/engineers/edit/{newcomer.Id}\"");
    }

    [Fact]
    public async Task Edit_CreatesAProfileFromTheForm_WithItsSkillsLanguagesAndCategories()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.StaffAsync("Pia Profile");
        var manager = await app.SignInAsync(RoutingSeed.Manager);
        var url = $"/manage/engineers/edit/{engineer.Id}";
        (await manager.GetStringAsync(url)).Should().Contain("Not routed yet");

        var response = await manager.PostFormAsync(url, Form(
            ("Input.Version", "0"),
            ("Input.Tier", "2"),
            ("Input.Sourcing", "Supplier"),
            ("Input.Supplier", "Harbour Support Ltd"),
            ("Input.PricePerCase", "450.00"),
            ("Input.Skills[0].Product", seed.Code),
            ("Input.Skills[0].Area", ""),
            ("Input.Skills[0].Proficiency", "4"),
            ("Input.Skills[1].Product", ""),
            ("Input.Skills[1].Proficiency", "3"),
            ("Input.Languages", "en"),
            ("Input.Languages", "de"),
            ("Input.Categories", "problem"),
            ("Input.Capacity", "7"),
            ("Input.Available", "true")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await response.Content.ReadAsStringAsync()));
        var saved = (await Engineers.GetAsync(engineer.Id))!;
        saved.Tier.Should().Be(2);
        saved.Sourcing.Should().Be(Sourcing.Supplier);
        saved.Supplier.Should().Be("Harbour Support Ltd");
        saved.PricePerCaseCents.Should().Be(45000);
        saved.Skills.Should().ContainSingle().Which.Should().Be(new EngineerSkill(seed.Product.Id, seed.Code, null, 4));
        saved.Languages.Should().BeEquivalentTo("en", "de");
        saved.Categories.Should().Equal("problem");
        saved.Capacity.Should().Be(7);
        var list = await manager.GetStringAsync("/manage/engineers");
        list.Should().Contain($"{seed.Code} 4/5").And.Contain("Harbour Support Ltd, 450.00 USD per case").And.Contain("German");
    }

    [Fact]
    public async Task Edit_ShowsEachProblemBesideItsField_AndKeepsTheSkillLineItCameFrom()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.StaffAsync("Eva Errors");
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var response = await manager.PostFormAsync($"/manage/engineers/edit/{engineer.Id}", Form(
            ("Input.Version", "0"),
            ("Input.Tier", "1"),
            ("Input.Sourcing", "Supplier"),
            ("Input.PricePerCase", "lots"),
            ("Input.Skills[0].Product", ""),
            ("Input.Skills[0].Proficiency", "3"),
            ("Input.Skills[1].Product", "no-such-product"),
            ("Input.Skills[1].Proficiency", "3"),
            ("Input.Skills[2].Product", seed.Code),
            ("Input.Skills[2].Proficiency", "3"),
            ("Input.Capacity", "500")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        FieldError(html, "Input.Supplier").Should().Contain("Name the supplier");
        FieldError(html, "Input.PricePerCase").Should().Contain("'lots' is not an amount");
        FieldError(html, "Input.Skills[1].Product").Should().Contain("'no-such-product' is not a product");
        FieldError(html, "Input.Skills[2].Product").Should().BeEmpty("the good line is not blamed");
        FieldError(html, "Input.Languages").Should().Contain("at least one language");
        FieldError(html, "Input.Capacity").Should().Contain("0 to 100");
        (await Engineers.GetAsync(engineer.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_SaysSomeoneElseChangedTheProfile_AndKeepsWhatWasTyped()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.EngineerAsync(seed, "Stan Stale", proficiency: 3);
        var before = (await Engineers.GetAsync(engineer.Id))!;
        await app.SetAvailableAsync(engineer.Id, available: false);
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var response = await manager.PostFormAsync($"/manage/engineers/edit/{engineer.Id}", Form(
            ("Input.Version", $"{before.Version}"),
            ("Input.Tier", "1"),
            ("Input.Sourcing", "InHouse"),
            ("Input.Skills[0].Product", seed.Code),
            ("Input.Skills[0].Proficiency", "5"),
            ("Input.Languages", "en"),
            ("Input.Capacity", "42"),
            ("Input.Available", "true")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("class=\"validation-summary-errors stale\"").And.Contain("Someone else changed").And.Contain("value=\"42\"");
        (await Engineers.GetAsync(engineer.Id))!.Capacity.Should().Be(5);
    }

    [Fact]
    public async Task Rates_AddsARateFromToday_ButNeverOneThatStartsInThePast()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.EngineerAsync(seed, "Rob Rates", proficiency: 3, hourly: null);
        var manager = await app.SignInAsync(RoutingSeed.Manager);
        var url = $"/manage/engineers/rates/{engineer.Id}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var past = await manager.PostFormAsync(url, Form(("Input.EffectiveFrom", today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("Input.Hourly", "70.00")));
        var added = await manager.PostFormAsync(url, Form(("Input.EffectiveFrom", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("Input.Hourly", "72.50")));

        PageText.ErrorsOf(await past.Content.ReadAsStringAsync()).Should().Contain("A rate cannot start before today; past costs keep the rate they had.");
        added.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await added.Content.ReadAsStringAsync()));
        (await Engineers.GetAsync(engineer.Id))!.Rates.Should().Equal(new CostRate(today, 7250));
        (await manager.GetStringAsync(url)).Should().Contain("72.50").And.Contain("in force");
    }

    [Fact]
    public async Task Availability_MarksAnEngineerAway_AndBack()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.EngineerAsync(seed, "Abe Away", proficiency: 3);
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var away = await manager.PostFormAsync("/manage/engineers", Form(("userId", $"{engineer.Id}"), ("available", "false")), handler: "Availability");

        away.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Engineers.GetAsync(engineer.Id))!.Available.Should().BeFalse();
        var list = await manager.GetStringAsync("/manage/engineers");
        var row = list[list.IndexOf($"data-engineer=\"{engineer.Id}\"", StringComparison.Ordinal)..];
        row[..row.IndexOf("</tr>", StringComparison.Ordinal)].Should().Contain("away").And.Contain("Mark back");
    }

    [Fact]
    public async Task Workload_ShowsOpenTicketsAgainstCapacity_AndTheQueuesWithTheirOldestWaitingTicket()
    {
        var seed = await RoutingSeed.WriteAsync(app);
        var engineer = await app.EngineerAsync(seed, "Wendy Workload", proficiency: 3, capacity: 2);
        await app.FileAsync(seed, RoutingSeed.Tailspin, "Workload one");
        await app.FileAsync(seed, RoutingSeed.Tailspin, "Workload two");
        var oldest = await app.FileAsync(seed, RoutingSeed.Tailspin, "Workload waits");
        await app.FileAsync(seed, RoutingSeed.Tailspin, "Workload waits too");
        var manager = await app.SignInAsync(RoutingSeed.Manager);

        var html = await manager.GetStringAsync("/manage/workload");

        var row = html[html.IndexOf($"data-engineer=\"{engineer.Id}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.Should().Contain(engineer.Name).And.Contain("2 of 2");
        var queue = html[html.IndexOf($"data-queue=\"{seed.Queue()}\"", StringComparison.Ordinal)..];
        queue = queue[..queue.IndexOf("</tr>", StringComparison.Ordinal)];
        queue.Should().Contain("<td class=\"waiting\">2</td>").And.Contain($">{oldest.Number}</a>").And.Contain("<time class=\"countdown ahead\"");
    }

    private static List<KeyValuePair<string, string>> Form(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    /// <summary>The text of the error shown beside one field (empty when there is none).</summary>
    private static string FieldError(string html, string field)
    {
        var marker = $"data-valmsg-for=\"{field}\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the form has an error slot for {field}");
        var text = html[(html.IndexOf('>', start) + 1)..];
        return System.Net.WebUtility.HtmlDecode(text[..text.IndexOf("</span>", StringComparison.Ordinal)]);
    }
}
