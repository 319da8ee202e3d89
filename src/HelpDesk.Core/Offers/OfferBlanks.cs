using System.Globalization;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Offers;

/// <summary>The values blanks start with: read from the ticket, and those the offer itself decides.</summary>
public static class OfferBlanks
{
    /// <summary>The product's current release: the newest one released by <paramref name="today"/>; null when none is.</summary>
    public static string? CurrentRelease(IEnumerable<ProductRelease> releases, DateOnly today) =>
        releases.Where(r => r.ReleasedOn <= today).MaxBy(r => (r.ReleasedOn, r.Id))?.Name;

    /// <summary>
    /// What the ticket says: its release (fromRelease, release), the product's current release (toRelease), its
    /// environment (platform, environment), the product, the customer and the ticket number. Blanks it cannot fill are
    /// left out.
    /// </summary>
    public static Dictionary<string, string> FromTicket(Ticket ticket, string customer, string? productName, string? currentRelease)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer"] = customer,
            ["ticket"] = ticket.Number,
        };
        Set(values, "fromRelease", ticket.ProductRelease);
        Set(values, "release", ticket.ProductRelease);
        Set(values, "toRelease", currentRelease);
        Set(values, "platform", ticket.Environment);
        Set(values, "environment", ticket.Environment);
        Set(values, "product", productName ?? ticket.Product);
        return values;
    }

    /// <summary>What the offer decides and no one types: price, delivery, expiry, size, plan, term, contract and incidents.</summary>
    public static Dictionary<string, string> Decided(OfferProposal proposal, long priceCents, Currency currency, OfferSize? size, DateOnly expiresOn, IReadOnlyList<Contract> contracts)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(contracts);
        var version = proposal.Version;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["price"] = Money.Format(priceCents, currency),
            ["expiresOn"] = EntitlementWording.Date(expiresOn),
        };
        if (version.DeliveryDays is int days)
        {
            values["deliveryDays"] = days.ToString(CultureInfo.InvariantCulture);
        }

        if (size is OfferSize chosen)
        {
            var definition = version.Sizes.First(s => s.Size == chosen).Definition;
            values["size"] = $"{OfferPricing.SizeName(chosen)} ({definition})";
        }

        if (version.Incidents is int incidents)
        {
            values["incidents"] = incidents.ToString(CultureInfo.InvariantCulture);
        }

        Set(values, "plan", proposal.Plan?.Name);
        Set(values, "startsOn", proposal.TermStartsOn is DateOnly starts ? EntitlementWording.Date(starts) : null);
        Set(values, "endsOn", proposal.TermEndsOn is DateOnly ends ? EntitlementWording.Date(ends) : null);
        Set(values, "contract", proposal.ContractId is int id
            ? contracts.FirstOrDefault(c => c.Id == id)?.Number
            : proposal.Purpose == OfferPurpose.NewContract ? "a new contract" : null);
        return values;
    }

    private static void Set(Dictionary<string, string> values, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[name] = value.Trim();
        }
    }
}
