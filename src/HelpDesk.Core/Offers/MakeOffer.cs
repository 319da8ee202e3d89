using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>
/// An engineer's offer on a ticket: the published offering version chosen, the size (for work priced by size), the
/// blanks as typed (the ticket's own values fill the rest), the expiry day (the setting's default when null) and the
/// reason, which an offer on an entitled ticket needs.
/// </summary>
public sealed record MakeOfferRequest(TicketActor Actor, int TicketId, int OfferingVersionId)
{
    public OfferSize? Size { get; init; }
    public IReadOnlyDictionary<string, string?> Blanks { get; init; } = new Dictionary<string, string?>();
    public DateOnly? ExpiresOn { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// Sends an offer: shapes the offering for the ticket (what it concerns, its term and price), fills and renders its
/// terms, and saves the offer with an audit line on the ticket and a mail to the requester with the link, in one
/// transaction. An offer expires at the end of its expiry day (UTC).
/// </summary>
public sealed class MakeOffer(
    ITicketStore tickets,
    IOfferingStore offerings,
    IOfferStore offers,
    IContractStore contracts,
    IScopeStore scope,
    IOrganisationStore organisations,
    IPeopleDirectory people,
    OfferSettings settings,
    PublicSite site,
    TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;
    public const int MaxExpiryDays = 365;

    public async Task<Result<Offer>> HandleAsync(MakeOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff || request.Actor.UserId is not int engineerId)
        {
            return Result<Offer>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var ticket = await tickets.GetAsync(request.TicketId, TicketScope.Staff, cancellationToken);
        if (ticket is null)
        {
            return Result<Offer>.NotFound($"There is no ticket {TicketNumber.Format(request.TicketId)}.");
        }

        var version = await offerings.GetVersionAsync(request.OfferingVersionId, cancellationToken);
        var entry = version is null ? null : await offerings.GetAsync(version.OfferingId, cancellationToken);
        if (version is null || entry is null)
        {
            return Result<Offer>.Invalid("offeringVersionId", "Choose an offering from the catalogue.");
        }

        if (entry.Published?.Id != version.Id && entry.Offering.Status == OfferingStatus.Active && entry.Published is not null)
        {
            return Result<Offer>.Conflict($"Version {entry.Published.Number} of {entry.Offering.Code} was published since you chose it; reload to see its price and terms.");
        }

        var now = clock.UtcNow();
        var today = DateOnly.FromDateTime(now);
        var errors = new List<FieldError>();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (ticket.Verdict == Verdict.Entitled && reason is null)
        {
            errors.Add(new("reason", "The ticket is entitled to support; say why you are making an offer anyway (a goodwill upsell)."));
        }
        else if (reason is { Length: > ReasonMaxLength })
        {
            errors.Add(new("reason", $"Keep the reason under {ReasonMaxLength:N0} characters."));
        }

        var expiresOn = request.ExpiresOn ?? today.AddDays(settings.ExpiryDays);
        if (expiresOn < today)
        {
            errors.Add(new("expiresOn", $"The expiry {EntitlementWording.Date(expiresOn)} is in the past; choose today, {EntitlementWording.Date(today)}, or a later day."));
        }
        else if (expiresOn > today.AddDays(MaxExpiryDays))
        {
            errors.Add(new("expiresOn", $"Keep the expiry within a year, by {EntitlementWording.Date(today.AddDays(MaxExpiryDays))}."));
        }

        var organisation = await organisations.GetAsync(ticket.OrganisationId, cancellationToken);
        var product = string.IsNullOrWhiteSpace(ticket.Product) ? null : await scope.FindProductAsync(ticket.Product, cancellationToken);
        var theirs = await contracts.ListContractsAsync(ticket.OrganisationId, cancellationToken);
        var shaped = OfferProposals.Shape(entry, await ProposalRequestAsync(ticket, product, theirs, today, cancellationToken));
        if (!shaped.Succeeded)
        {
            return Result<Offer>.Invalid([.. errors, .. shaped.Errors]);
        }

        var proposal = shaped.Value!;
        var size = version.PricingKind == PricingKind.BySize ? request.Size : null;
        var price = proposal.Price is { } known ? Result<PriceQuote>.Ok(known) : OfferPricing.Quote(version, size, settings.Currency);
        errors.AddRange(price.Errors);

        var decided = OfferBlanks.Decided(proposal, price.Value?.Cents ?? 0, settings.Currency, size, expiresOn, theirs);
        var typed = request.Blanks.Where(b => b.Value is not null).ToDictionary(b => b.Key.Trim(), b => b.Value!.Trim(), StringComparer.Ordinal);
        foreach (var name in OfferTerms.Unknown(typed.Keys, OfferTerms.Blanks(version.TermsMarkdown)))
        {
            errors.Add(new($"blanks.{name}", $"{{{{{name}}}}} is not a blank of these terms."));
        }

        foreach (var name in typed.Keys.Where(decided.ContainsKey))
        {
            errors.Add(new($"blanks.{name}", $"{{{{{name}}}}} is filled in by the offer itself and cannot be typed."));
        }

        var releases = product is null ? [] : await scope.ListReleasesAsync(product.Id, cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in OfferBlanks.FromTicket(ticket, organisation?.Name ?? "", product?.Name, OfferBlanks.CurrentRelease(releases, today)))
        {
            values[name] = value;
        }

        foreach (var (name, value) in typed.Where(t => !decided.ContainsKey(t.Key)))
        {
            values[name] = value;
        }

        foreach (var (name, value) in decided)
        {
            values[name] = value;
        }

        var filled = OfferTerms.Fill(version.TermsMarkdown, values);
        errors.AddRange(filled.Errors);
        if (errors.Count > 0)
        {
            return Result<Offer>.Invalid(errors);
        }

        var used = OfferTerms.Blanks(version.TermsMarkdown);
        var offer = new Offer
        {
            TicketId = ticket.Id,
            OrganisationId = ticket.OrganisationId,
            Kind = entry.Offering.Kind,
            OfferingVersionId = version.Id,
            ProductId = product?.Id,
            PlanId = proposal.Plan?.Id,
            ContractId = proposal.ContractId,
            Size = size,
            Incidents = version.Incidents,
            TermStartsOn = proposal.TermStartsOn,
            TermEndsOn = proposal.TermEndsOn,
            PriceCents = price.Value!.Cents,
            Currency = settings.Currency.Code,
            Title = size is OfferSize chosen ? $"{version.Name} ({OfferPricing.SizeName(chosen).ToLowerInvariant()})" : version.Name,
            TermsMarkdown = filled.Value!,
            TermsHtml = OfferTerms.Render(filled.Value!),
            Blanks = used.Where(values.ContainsKey).ToDictionary(n => n, n => values[n]!, StringComparer.Ordinal),
            Reason = reason,
            ExpiresUtc = expiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Status = OfferStatus.Sent,
            SentById = engineerId,
            SentUtc = now,
        };
        var requester = await people.FindAsync(ticket.RequesterId, cancellationToken);
        var saved = await offers.CreateAsync(
            new NewOffer(
                offer,
                o => [new AuditChange("offer", null, $"Sent {o.Number}: {o.Title}, {OfferMail.Price(o)}, open until {OfferLifecycle.Describe(o.ExpiresUtc)}.{(o.Reason is null ? "" : $" Reason: {o.Reason}")} {price.Value.Explanation}")],
                o => requester is null ? [] : [OfferMail.SentTo(ticket, o, requester, site)],
                now),
            cancellationToken);
        return Result<Offer>.Ok(saved);
    }

    private async Task<ProposalRequest> ProposalRequestAsync(Ticket ticket, Product? product, IReadOnlyList<Contract> theirs, DateOnly today, CancellationToken cancellationToken) =>
        OfferRequests.For(ticket, product, theirs, await contracts.ListPlansAsync(cancellationToken), today) with { Currency = settings.Currency };
}

/// <summary>How a ticket becomes the request proposals are made for; shared by the offer and the desk's list of proposals.</summary>
public static class OfferRequests
{
    public static ProposalRequest For(Ticket ticket, Product? product, IReadOnlyList<Contract> contracts, IReadOnlyList<Plan> plans, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var categories = (ticket.Entitlement?.OutOfScopeCategories ?? []).ToList();

        // An engineer's override to OutOfScope carries no categories of its own: the category the customer chose counts.
        if (RequestCategories.Find(ticket.Category) is { OutOfScopeCategory: true } chosen && !categories.Contains(chosen.Code))
        {
            categories.Add(chosen.Code);
        }

        return new ProposalRequest
        {
            Verdict = ticket.Verdict,
            Categories = categories,
            ProductId = product?.Id,
            Channel = ticket.Channel,
            ContractId = ticket.Entitlement?.ContractId,
            Contracts = contracts,
            Plans = plans,
            Today = today,
        };
    }
}
