namespace HelpDesk.Core.Accounts;

/// <summary>
/// What an API token may be used for. Each API route names the one scope it needs; a token reaches a route only when
/// it carries that scope, and never more than its owner's roles allow (the route's role checks still apply).
/// A "manage" scope covers reading and changing its area.
/// </summary>
public static class ApiScopes
{
    public const string ReadTickets = "tickets:read";
    public const string WriteTickets = "tickets:write";
    public const string ManageOrganisations = "organisations:manage";
    public const string ManageCatalogue = "catalogue:manage";
    public const string ManageScope = "scope:manage";
    public const string ManageContracts = "contracts:manage";
    public const string ManageEngineers = "engineers:manage";
    public const string ManageServices = "services:manage";
    public const string ReadEconomics = "economics:read";
    public const string ManageWebhooks = "webhooks:manage";

    /// <summary>Every scope with the words shown where a token is created.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReadTickets] = "Read tickets, their messages and attachments, entitlement and known issues",
        [WriteTickets] = "File tickets, reply, change status, assign, classify, log time and rate",
        [ManageOrganisations] = "Read and change organisations and their people",
        [ManageCatalogue] = "Read and change products, releases, environments and third-party products",
        [ManageScope] = "Read, draft and publish the Scope of Support",
        [ManageContracts] = "Read and change plans, holiday calendars and contracts",
        [ManageEngineers] = "Read and change engineer profiles, skills, capacity and cost rates",
        [ManageServices] = "Read and change services offerings and offers",
        [ReadEconomics] = "Read the support economics figures",
        [ManageWebhooks] = "Read and change webhook subscriptions",
    };

    public static IReadOnlyList<string> All { get; } =
    [
        ReadTickets, WriteTickets, ManageOrganisations, ManageCatalogue, ManageScope, ManageContracts, ManageEngineers,
        ManageServices, ReadEconomics, ManageWebhooks,
    ];

    public static bool IsKnown(string scope) => Descriptions.ContainsKey(scope);
}
