using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Tickets;

/// <summary>What a customer is about to ask, as the filing form or the API check sends it.</summary>
public sealed record CoverageQuestion(string? Product, string? Release, string? Environment, string? Category, bool ModifiedSource, Severity Severity);

/// <summary>
/// The verdict a request would get if it were filed now, without filing it: the portal's preview and the API's
/// check. The organisation is always the signed-in customer's own, never one named by the caller.
/// </summary>
public sealed class CoverageChecks(CheckEntitlement checkEntitlement, TimeProvider clock)
{
    public async Task<EntitlementView> CheckAsync(TicketActor customer, CoverageQuestion question, TicketChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(question);
        if (!customer.IsCustomer || customer.OrganisationId is not int organisationId)
        {
            throw new InvalidOperationException("Coverage is checked for a customer of an organisation.");
        }

        var check = await checkEntitlement.CheckAsync(
            new EntitlementRequest
            {
                OrganisationId = organisationId,
                Product = TicketRules.Clean(question.Product),
                Release = TicketRules.Clean(question.Release),
                Environment = TicketRules.Clean(question.Environment),
                Category = TicketRules.Clean(question.Category),
                ModifiedSource = question.ModifiedSource,
                Channel = channel,
                Severity = question.Severity,
                AtUtc = clock.UtcNow(),
            },
            cancellationToken);
        return EntitlementView.From(check.Decision, check.FirstResponseDueUtc, check.ResolveDueUtc);
    }
}
