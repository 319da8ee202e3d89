using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>
/// A customer accepts an offer with their typed name. <see cref="ShownTermsSha256"/>, when the page sends it, is the
/// hash of the terms it showed; acceptance is refused if it is not the offer's.
/// </summary>
public sealed record AcceptOfferRequest(TicketActor Actor, int OfferId, string? TypedName, string? ClientAddress, string? UserAgent)
{
    public string? ShownTermsSha256 { get; init; }
}

/// <summary>
/// Accepts an offer and starts what it sells, in one transaction with the change of status: the acceptance record,
/// services revenue (not for a plan, whose value is the new contract's and is recognised over its term), and a
/// services engagement, an incident top-up or a pending contract; an audit line on the ticket; mail to the engineer and
/// a confirmation to the customer. After an incident pack the ticket is judged again.
/// </summary>
public sealed class AcceptOffer(
    IOfferStore offers,
    IOfferingStore offerings,
    ITicketStore tickets,
    IContractStore contracts,
    IOrganisationStore organisations,
    IBuyingRights rights,
    IPeopleDirectory people,
    ITicketRejudging rejudging,
    PublicSite site,
    TimeProvider clock)
{
    public const int TypedNameMaxLength = 200;

    public async Task<Result<AcceptedOffer>> HandleAsync(AcceptOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = request.Actor;
        var offer = await OfferDecisions.LoadAsync(offers, request.OfferId, actor, cancellationToken);
        if (offer is null || !actor.IsCustomer || actor.UserId is not int userId)
        {
            return offer is null ? OfferDecisions.NoSuchOffer<AcceptedOffer>(request.OfferId) : Result<AcceptedOffer>.Invalid("", "Only the customer can accept an offer.");
        }

        var typedName = (request.TypedName ?? "").Trim();
        if (typedName.Length == 0)
        {
            return Result<AcceptedOffer>.Invalid("typedName", "Type your full name to accept: it is your signature on the terms.");
        }

        if (typedName.Length > TypedNameMaxLength)
        {
            return Result<AcceptedOffer>.Invalid("typedName", $"Keep your name under {TypedNameMaxLength} characters.");
        }

        var now = clock.UtcNow();
        var move = OfferLifecycle.Check(offer, OfferAction.Accept, now);
        if (!move.Allowed)
        {
            return Result<AcceptedOffer>.Invalid("", move.Why);
        }

        var ticket = await tickets.GetAsync(offer.TicketId, actor.Scope, cancellationToken);
        var organisation = await organisations.GetAsync(offer.OrganisationId, cancellationToken);
        if (ticket is null || organisation is null)
        {
            return OfferDecisions.NoSuchOffer<AcceptedOffer>(request.OfferId);
        }

        if (OfferDecisions.MayNotDecide(await rights.FindAsync(userId, cancellationToken), offer, ticket, organisation.Name) is { } refused)
        {
            return Result<AcceptedOffer>.Invalid("", refused);
        }

        var sha = OfferTerms.Sha256(offer.TermsHtml);
        if (request.ShownTermsSha256 is { Length: > 0 } shown && !string.Equals(shown.Trim(), sha, StringComparison.OrdinalIgnoreCase))
        {
            return Result<AcceptedOffer>.Conflict($"The terms you were shown are not the terms of offer {offer.Number}; reload the offer, read it again and accept it then.");
        }

        var acceptance = new OfferAcceptance
        {
            OfferId = offer.Id,
            AcceptedById = userId,
            TypedName = typedName,
            AcceptedUtc = now,
            ClientAddress = Clip(request.ClientAddress, 100),
            UserAgent = Clip(request.UserAgent, 512),
            TermsSha256 = sha,
            TermsHtml = offer.TermsHtml,
            PriceCents = offer.PriceCents,
            Currency = offer.Currency,
            OfferingVersionId = offer.OfferingVersionId,
        };
        var accepted = offer with { Status = OfferStatus.Accepted, DecidedById = userId, DecidedUtc = now };
        var write = await StartsAsync(accepted, acceptance, ticket, organisation, now, cancellationToken);
        var stored = await offers.AcceptAsync(write, cancellationToken);
        if (stored is null)
        {
            return await OfferDecisions.LostAsync<AcceptedOffer>(offers, offer, OfferAction.Accept, now, cancellationToken);
        }

        if (offer.Kind == OfferingKind.IncidentPack && offer.ContractId is int contractId)
        {
            await rejudging.RejudgeAsync(ticket.Id, userId, $"Offer {offer.Number} added {offer.Incidents} incidents to {Contract.FormatNumber(contractId)}.", cancellationToken);
        }

        return Result<AcceptedOffer>.Ok(stored);
    }

    private async Task<OfferAcceptanceWrite> StartsAsync(Offer offer, OfferAcceptance acceptance, Ticket ticket, Organisation organisation, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var started = offer.Kind switch
        {
            OfferingKind.Service => "a services engagement is open",
            OfferingKind.IncidentPack => $"{offer.Incidents} incidents were added to {Contract.FormatNumber(offer.ContractId ?? 0)}",
            _ => "a contract waits for a manager to activate it",
        };
        var engineer = await people.FindAsync(offer.SentById, cancellationToken);
        var customer = await people.FindAsync(acceptance.AcceptedById, cancellationToken);
        var write = new OfferAcceptanceWrite(
            offer,
            acceptance,
            [new AuditChange("offer", nameof(OfferStatus.Sent), $"Accepted {offer.Number} as \"{acceptance.TypedName}\": {offer.Title}, {OfferMail.Price(offer)}; {started}.")],
            [
                .. engineer is null ? [] : new[] { OfferMail.AcceptedTo(ticket, offer, engineer, acceptance.TypedName) },
                .. customer is null ? [] : new[] { OfferMail.ConfirmationTo(ticket, offer, customer, acceptance, site) },
            ]);

        if (offer.Kind != OfferingKind.Plan)
        {
            write = write with
            {
                Revenue = new ServicesRevenueLine
                {
                    OfferId = offer.Id,
                    Day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    OrganisationId = offer.OrganisationId,
                    ContractId = offer.ContractId,
                    ProductId = offer.ProductId,
                    Region = organisation.Region,
                    AmountCents = offer.PriceCents,
                    BookedUtc = now,
                },
            };
        }

        switch (offer.Kind)
        {
            case OfferingKind.Service:
                var version = await offerings.GetVersionAsync(offer.OfferingVersionId, cancellationToken);
                return write with
                {
                    Engagement = new ServicesEngagement
                    {
                        OfferId = offer.Id,
                        TicketId = offer.TicketId,
                        OrganisationId = offer.OrganisationId,
                        AssigneeId = offer.SentById,
                        Status = EngagementStatus.Open,
                        DueOn = OfferingRules.AddWorkingDays(today, version?.DeliveryDays ?? 0),
                        CreatedUtc = now,
                    },
                };
            case OfferingKind.IncidentPack:
                return write with { IncidentsBought = offer.Incidents };
            default:
                return write with { PendingContract = await PendingContractAsync(offer, now, cancellationToken) };
        }
    }

    // The contract a plan offer sells: a renewal or an upgrade takes the products and time zone of the contract it
    // concerns (a renewal also names it), a new contract covers the ticket's product or the offering's products.
    private async Task<Contract> PendingContractAsync(Offer offer, DateTime now, CancellationToken cancellationToken)
    {
        var concerned = offer.ContractId is int id ? await contracts.GetContractAsync(id, cancellationToken) : null;
        IReadOnlyList<int> products = concerned?.ProductIds ?? (offer.ProductId is int product ? [product] : []);
        if (products.Count == 0)
        {
            products = (await offerings.GetVersionAsync(offer.OfferingVersionId, cancellationToken))?.ProductIds ?? [];
        }

        var startsOn = offer.TermStartsOn ?? DateOnly.FromDateTime(now);
        return new Contract
        {
            OrganisationId = offer.OrganisationId,
            PlanId = offer.PlanId ?? 0,
            ProductIds = products,
            StartsOn = startsOn,
            EndsOn = offer.TermEndsOn ?? startsOn.AddDays(OfferPricing.DaysPerYear - 1),
            TimeZone = concerned?.TimeZone ?? "UTC",
            ValueCents = offer.PriceCents,
            RenewsContractId = concerned is not null && concerned.EndsOn < startsOn ? concerned.Id : null,
            Status = ContractStatus.Pending,
            CreatedUtc = now,
        };
    }

    private static string Clip(string? value, int max)
    {
        var text = (value ?? "").Trim();
        return text.Length > max ? text[..max] : text;
    }
}
