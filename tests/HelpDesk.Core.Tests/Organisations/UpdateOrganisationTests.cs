using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tests.Contracts;

namespace HelpDesk.Core.Tests.Organisations;

public sealed class UpdateOrganisationTests
{
    private readonly InMemoryOrganisationStore _store = new();

    public UpdateOrganisationTests()
    {
        _store.Organisations.Add(new Organisation { Id = 1, Name = "Northwind", Region = Region.Emea, Segment = CustomerSegment.Standard, EmailDomains = ["northwind.example"], Version = 1 });
        _store.Organisations.Add(new Organisation { Id = 2, Name = "Contoso", EmailDomains = ["contoso.example"], Version = 1 });
    }

    private Task<Result<Organisation>> UpdateAsync(string name, string domains, int version = 1, CustomerSegment segment = CustomerSegment.Key) =>
        new UpdateOrganisation(_store, TimeProvider.System).HandleAsync(new UpdateOrganisationRequest(1, version, name, Region.Apac, segment, domains, ActorId: 7));

    [Fact]
    public async Task Handle_SavesSegmentRegionAndNormalisedDomains()
    {
        var result = await UpdateAsync(" Northwind Traders ", "Northwind.EXAMPLE; @nw.example, nw.example");

        result.Value!.Version.Should().Be(2);
        var saved = _store.Organisations[0];
        saved.Name.Should().Be("Northwind Traders");
        saved.Segment.Should().Be(CustomerSegment.Key);
        saved.Region.Should().Be(Region.Apac);
        saved.EmailDomains.Should().Equal("northwind.example", "nw.example");
    }

    [Fact]
    public async Task Handle_WritesOneAuditLine_NamingTheManagerAndEachChange()
    {
        await UpdateAsync("Northwind Traders", "northwind.example, nw.example");

        var line = _store.Audit.Should().ContainSingle().Subject;
        line.Subject.Should().Be(AuditSubjects.Organisation);
        line.SubjectId.Should().Be(1);
        line.ActorId.Should().Be(7);
        line.Detail.Should().Be("Changed the name from Northwind to Northwind Traders; changed the region from Europe, Middle East and Africa to Asia-Pacific; "
            + "changed the segment from standard to key; added the domain nw.example.");
    }

    [Theory]
    [InlineData("", "northwind.example", "name", "Enter the organisation's name.")]
    [InlineData("Northwind", "example..com", "domains", "'example..com' is not a domain name such as example.com.")]
    [InlineData("Northwind", "northwind.example, Gmail.com", "domains", "'gmail.com' is a public mail provider's domain: anyone can have an address there, so it cannot place people in an organisation.")]
    [InlineData("Contoso", "northwind.example", "name", "Another organisation already has this name.")]
    [InlineData("Northwind", "contoso.example", "domains", "Already owned by another organisation: contoso.example.")]
    public async Task Handle_RefusesWithAnErrorBesideTheField(string name, string domains, string field, string message)
    {
        var result = await UpdateAsync(name, domains);

        result.Errors.Should().ContainSingle().Which.Should().Be(new FieldError(field, message));
        _store.Organisations[0].Version.Should().Be(1);
        _store.Audit.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_ReportsAConflict_WhenTheVersionIsStale()
    {
        var result = await UpdateAsync("Northwind", "northwind.example", version: 0);

        result.Failure.Should().Be(Failure.Conflict);
        result.Errors.Single().Message.Should().StartWith("Someone else changed Northwind since you opened it; reload");
    }
}
