using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Economics;

/// <summary>What a manager sends: the organisation's report for the period, to one of its people.</summary>
public sealed record SendValueReportRequest(int OrganisationId, string OrganisationName, int RecipientId, string? From, string? To);

/// <summary>
/// Queues an organisation's value report as a mail to one of its own people, through the outbox like the product's
/// other mail, with the figures in the text and a link to the printable page on the portal.
/// </summary>
public sealed class SendValueReport(ReadValueReport reports, IBuyingRights people, IOutbox outbox, Currency currency, PublicSite site, TimeProvider clock)
{
    public const string Kind = "value-report";

    public async Task<Result<OutboundMail>> HandleAsync(SendValueReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipient = (await people.ListAsync(request.OrganisationId, cancellationToken)).FirstOrDefault(p => p.Id == request.RecipientId);
        if (recipient is null)
        {
            return Result<OutboundMail>.Invalid("recipientId", $"Choose one of {request.OrganisationName}'s people to send the report to.");
        }

        var report = await reports.HandleAsync(request.OrganisationId, request.From, request.To, cancellationToken);
        if (!report.Succeeded)
        {
            return report.As<OutboundMail>();
        }

        var mail = Compose(report.Value!, request.OrganisationName, recipient, currency, site);
        await outbox.EnqueueAsync(mail, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return Result<OutboundMail>.Ok(mail);
    }

    public static OutboundMail Compose(ValueReport report, string organisationName, Buyer recipient, Currency currency, PublicSite site)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(site);
        var lines = string.Join("\n", ValueReportFigures.Of(report, currency).Select(f => $"- {f.Name}: {f.Value} ({f.How})"));
        var fixes = report.KnownIssuesFixed.Count == 0
            ? ""
            : "\n\nKnown issues fixed that you reported:\n" + string.Join("\n", report.KnownIssuesFixed.Select(f => $"- {ValueReportFigures.Line(f)}"));
        var link = site.Link($"/portal/value?from={report.From:yyyy-MM-dd}&to={report.To:yyyy-MM-dd}");
        return new OutboundMail(
            Kind,
            recipient.Email,
            $"Your support from {ValueReportFigures.Date(report.From)} to {ValueReportFigures.Date(report.To)}",
            $"""
            Hello {recipient.Name},

            {ValueReportFigures.Summary(report, currency)}

            {lines}{fixes}

            The report for {organisationName}, ready to print, is on the portal:
            {link}
            """);
    }
}
