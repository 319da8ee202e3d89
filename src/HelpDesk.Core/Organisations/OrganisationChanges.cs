using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Organisations;

/// <summary>An organisation's creation or change as its audit trail words it.</summary>
public static class OrganisationChanges
{
    public static string Describe(Organisation? before, Organisation after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return $"{after.Name}, {Wording.Name(after.Region)}, {Wording.Name(after.Segment).ToLowerInvariant()} segment, "
                + (after.EmailDomains.Count == 0 ? "with no email domain." : $"with the {Domains(after.EmailDomains.Count)} {EntitlementWording.List(after.EmailDomains)}.");
        }

        return new ChangeWording()
            .Value("name", before.Name, after.Name)
            .Value("region", Wording.Name(before.Region), Wording.Name(after.Region))
            .Value("segment", Wording.Name(before.Segment).ToLowerInvariant(), Wording.Name(after.Segment).ToLowerInvariant())
            .Members("domain", "domains", before.EmailDomains, after.EmailDomains)
            .Describe();
    }

    private static string Domains(int count) => count == 1 ? "domain" : "domains";
}
