using System.Net;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Manage;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Offers;

public sealed class ServicesCatalogueTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Manager = "manager@helpdesk.test";

    private IOfferingStore Offerings => app.Services.GetRequiredService<IOfferingStore>();

    private static List<KeyValuePair<string, string>> ServiceForm(string code, params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Kind"] = nameof(OfferingKind.Service),
            ["Input.Name"] = "Backport a fix to an older release",
            ["Input.Summary"] = "We move a fix to the release you run.",
            ["Input.PricingKind"] = nameof(PricingKind.Fixed),
            ["Input.Price"] = "1,500.00",
            ["Input.DeliveryDays"] = "5",
            ["Input.Terms"] = "## Backport\n\nWe move the fix from **{{toRelease}}** to {{fromRelease}} for {{customer}}, for {{price}}.\n\n<b>raw</b>",
            ["Version"] = "0",
        };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        var form = fields.Where(f => f.Value.Length > 0 || f.Key != "Input.Categories").ToList();
        if (!changes.Any(c => c.Key == "Input.Categories"))
        {
            form.Add(new("Input.Categories", RequestCategories.Backport));
        }

        return form;
    }

    private async Task<CatalogueEntry> EntryAsync(string code) => (await Offerings.ListAsync()).Single(e => e.Offering.Code == code);

    [Fact]
    public async Task Create_Preview_Publish_ThenEditingMakesANewVersion_AndThePublishedOneStaysFrozen()
    {
        var manager = await app.SignInAsync(Manager);
        var code = ManageSeed.Unique("backport");

        var created = await manager.PostFormAsync("/manage/services/edit", ServiceForm(code));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await created.Content.ReadAsStringAsync()));
        var entry = await EntryAsync(code);
        created.Headers.Location!.OriginalString.Should().Be($"/manage/services/preview/{entry.Offering.Id}");

        var raw = await manager.GetStringAsync($"/manage/services/preview/{entry.Offering.Id}");
        raw.Should().Contain("&lt;b&gt;raw&lt;/b&gt;").And.NotContain("<b>raw</b>", "raw HTML in terms is shown as text");
        var preview = WebUtility.HtmlDecode(raw);
        preview.Should().Contain("<h2>Backport</h2>")
            .And.Contain("We move the fix from <strong>5.2</strong> to 4.0 for Example Customer Ltd, for 1,500.00 USD.")
            .And.Contain("Publishing freezes version 1 of " + code);

        var published = await manager.PostFormAsync($"/manage/services/preview/{entry.Offering.Id}", new Dictionary<string, string> { ["Version"] = "1" }, handler: "Publish");
        published.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var v1 = (await EntryAsync(code)).Published!;
        v1.Number.Should().Be(1);

        var editForm = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/services/edit/{entry.Offering.Id}"));
        editForm.Should().Contain("Version 1 is published and frozen").And.Contain("draft of version 2");
        var edited = await manager.PostFormAsync($"/manage/services/edit/{entry.Offering.Id}", ServiceForm(code, ("Input.Price", "1800")));
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await edited.Content.ReadAsStringAsync()));

        var after = await EntryAsync(code);
        after.Published.Should().BeEquivalentTo(v1, "publishing froze version 1");
        after.Draft!.Number.Should().Be(2);
        after.Draft.PriceCents.Should().Be(1_800_00);
        var versions = await manager.GetStringAsync($"/manage/services/versions/{entry.Offering.Id}");
        versions.Should().Contain("v2").And.Contain("draft").And.Contain("v1").And.Contain("published").And.Contain("none");
        var list = WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/services"));
        list.Should().Contain(code).And.Contain("1,500.00").And.Contain("5 working days").And.Contain("v1 published · v2 draft");
    }

    [Fact]
    public async Task BadInput_ShowsFieldErrorsBesideTheFields_AndSavesNothing()
    {
        var manager = await app.SignInAsync(Manager);
        var code = ManageSeed.Unique("broken");

        var response = await manager.PostFormAsync("/manage/services/edit", ServiceForm(
            code,
            ("Input.Price", "0"),
            ("Input.Categories", ""),
            ("Input.Terms", "For {{customer}} with a {{discount}}.")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var errors = PageText.ErrorsOf(await response.Content.ReadAsStringAsync());
        errors.Should().Contain("The price must be more than zero.")
            .And.Contain("Choose at least one out-of-scope category the service answers")
            .And.Contain("{{discount}} is not a blank a service offering can fill");
        (await Offerings.ListAsync()).Should().NotContain(e => e.Offering.Code == code);
    }

    [Fact]
    public async Task SavingADraftThatWasPublishedMeanwhile_SaysTheTermsAreFrozen()
    {
        var manager = await app.SignInAsync(Manager);
        var code = ManageSeed.Unique("frozen");
        await manager.PostFormAsync("/manage/services/edit", ServiceForm(code));
        var entry = await EntryAsync(code);
        var form = ServiceForm(code, ("Input.Terms", "Changed terms for {{price}}."), ("Version", "1"));
        var page = await manager.GetAsync($"/manage/services/edit/{entry.Offering.Id}");
        page.EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<IOfferingStore>().PublishAsync(entry.Draft!.Id, entry.Draft.Version, 1, DateTime.UtcNow);

        var late = await manager.PostFormAsync($"/manage/services/edit/{entry.Offering.Id}", form);

        PageText.ErrorsOf(await late.Content.ReadAsStringAsync()).Should().Contain("was published while you edited it; a published version's price and terms never change.");
        (await EntryAsync(code)).Published!.TermsMarkdown.Should().StartWith("## Backport");
    }

    [Fact]
    public async Task Retire_AsksFirst_ThenRetires_AndBringsBack()
    {
        var manager = await app.SignInAsync(Manager);
        var code = ManageSeed.Unique("retire");
        await manager.PostFormAsync("/manage/services/edit", ServiceForm(code));
        var entry = await EntryAsync(code);

        var question = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/services/retire/{entry.Offering.Id}"));
        question.Should().Contain($"Retire {code}?").And.Contain("no new offers can be made from it").And.Contain("No offers have been made from it.");
        (await EntryAsync(code)).Offering.Status.Should().Be(OfferingStatus.Active, "reading the question changes nothing");

        var retired = await manager.PostFormAsync($"/manage/services/retire/{entry.Offering.Id}", new Dictionary<string, string> { ["Version"] = "1" });
        retired.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await EntryAsync(code)).Offering.Status.Should().Be(OfferingStatus.Retired);
        (await manager.GetStringAsync("/manage/services")).Should().Contain("retired");

        var back = await manager.PostFormAsync($"/manage/services/retire/{entry.Offering.Id}", new Dictionary<string, string> { ["Version"] = "2" });
        back.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await EntryAsync(code)).Offering.Status.Should().Be(OfferingStatus.Active);
    }

    [Fact]
    public async Task Posts_WithoutTheAntiforgeryToken_AreRefused()
    {
        var manager = await app.SignInAsync(Manager);
        var code = ManageSeed.Unique("forged");

        var response = await manager.PostAsync("/manage/services/edit", new FormUrlEncodedContent(ServiceForm(code)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Offerings.ListAsync()).Should().NotContain(e => e.Offering.Code == code);
    }

    [Fact]
    public async Task APendingContract_IsLabelledPending_AndAManagerActivatesIt()
    {
        var manager = await app.SignInAsync(Manager);
        var organisation = (await app.Services.GetRequiredService<Core.Organisations.IOrganisationStore>().ListAsync())[0];
        var product = await app.ProductAsync("Pending");
        var plan = await app.PlanAsync();
        var pending = await app.Contracts().SaveContractAsync(new Contract
        {
            OrganisationId = organisation.Id,
            PlanId = plan.Id,
            ProductIds = [product.Id],
            StartsOn = new DateOnly(2026, 1, 1),
            EndsOn = new DateOnly(2026, 12, 31),
            TimeZone = "UTC",
            ValueCents = 5_000_00,
            Status = ContractStatus.Pending,
        });

        var list = await manager.GetStringAsync($"/manage/contracts?organisation={organisation.Id}");
        list.Should().Contain($"data-contract=\"{pending!.Number}\"").And.Contain("state-pending").And.Contain($"Activate {pending.Number}");

        var activated = await manager.PostFormAsync("/manage/contracts", new Dictionary<string, string> { ["id"] = pending.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = "1" }, handler: "Activate");

        activated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Contracts().GetContractAsync(pending.Id))!.Status.Should().Be(ContractStatus.Active);
    }
}
