using HelpDesk.Core.Accounts;
using HelpDesk.Core.Organisations;

namespace HelpDesk.Web.Api;

/// <summary>A customer organisation: the unit that holds contracts and owns tickets.</summary>
/// <param name="EmailDomains">Lower-case; mail from an address at one of them is placed in this organisation.</param>
/// <param name="Version">Send it back with a change; a change based on an older one answers 409.</param>
public sealed record OrganisationDto(int Id, string Name, Region Region, CustomerSegment Segment, IReadOnlyList<string> EmailDomains, DateTime CreatedUtc, int Version)
{
    public static OrganisationDto From(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new(organisation.Id, organisation.Name, organisation.Region, organisation.Segment, organisation.EmailDomains, organisation.CreatedUtc, organisation.Version);
    }
}

/// <param name="Next">Pass as <c>after</c> for the following page; null on the last page.</param>
public sealed record OrganisationListDto(IReadOnlyList<OrganisationDto> Items, string? Next);

/// <summary>A person's account as a manager sees it.</summary>
/// <param name="OrganisationId">Null while a customer's account awaits placement.</param>
/// <param name="State">active, pending (the address is not confirmed yet: invited or registered) or deactivated.</param>
public sealed record PersonDto(int Id, string Email, string Name, int? OrganisationId, string State, DateTime CreatedUtc)
{
    public static PersonDto From(HelpDeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.DisplayName, user.OrganisationId, AccountRules.StateOf(user.DeactivatedUtc, user.EmailConfirmed).ToString().ToLowerInvariant(), user.CreatedUtc);
    }
}

/// <param name="Next">Pass as <c>after</c> for the following page; null on the last page.</param>
public sealed record PersonListDto(IReadOnlyList<PersonDto> Items, string? Next);

/// <summary>An organisation as it is added or changed.</summary>
/// <param name="Name">Required, at most 200 characters, unique.</param>
/// <param name="Region">Required: Emea, Americas or Apac.</param>
/// <param name="Segment">Required: Strategic, Key, Standard or SelfService.</param>
/// <param name="EmailDomains">Domains such as example.com that no other organisation owns; never a public mail provider's.</param>
/// <param name="Version">Required for a change: the version you read.</param>
public sealed record OrganisationBody(string? Name, Region? Region, CustomerSegment? Segment, IReadOnlyList<string>? EmailDomains, int? Version)
{
    public string Domains => string.Join(", ", EmailDomains ?? []);
}

/// <param name="Email">Required: the customer contact's address; they get a mail with a link to choose a password.</param>
/// <param name="Name">Required: their name.</param>
public sealed record InvitePersonBody(string? Email, string? Name);

/// <param name="AccountId">Required: a customer's account that belongs to no organisation yet.</param>
public sealed record PlaceAccountBody(int? AccountId);
