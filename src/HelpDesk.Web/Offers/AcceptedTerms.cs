using System.Text;
using System.Text.Encodings.Web;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Offers;

namespace HelpDesk.Web.Offers;

/// <summary>
/// The accepted terms as one HTML document, made from the immutable acceptance copy: the terms exactly as they were
/// shown and hashed, with who accepted them, when, from where, the price and the SHA-256. The print view links the
/// print style sheet; the download carries its style inside, so that the file reads the same offline.
/// </summary>
public static class AcceptedTerms
{
    public static string Document(Offer offer, OfferAcceptance acceptance, string ticketNumber, string organisationName, string? styleSheet, string? inlineStyle)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(acceptance);
        var e = HtmlEncoder.Default;
        var price = Money.Format(acceptance.PriceCents, Currency.Parse(acceptance.Currency) ?? Currency.Default);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append("<title>").Append(e.Encode($"Offer {offer.Number} accepted: {offer.Title}")).Append("</title>\n");
        if (styleSheet is not null)
        {
            html.Append("<link rel=\"stylesheet\" href=\"").Append(e.Encode(styleSheet)).Append("\" />\n");
        }

        if (inlineStyle is not null)
        {
            html.Append("<style>\n").Append(inlineStyle).Append("\n</style>\n");
        }

        html.Append("</head>\n<body class=\"accepted-terms\">\n");
        html.Append("<h1>").Append(e.Encode($"Offer {offer.Number}: {offer.Title}")).Append("</h1>\n");
        html.Append("<dl class=\"acceptance\">\n");
        Fact(html, e, "Customer", organisationName);
        Fact(html, e, "Ticket", ticketNumber);
        Fact(html, e, "Price", price);
        Fact(html, e, "Offering version", $"#{acceptance.OfferingVersionId}");
        Fact(html, e, "Accepted by (typed name)", acceptance.TypedName);
        Fact(html, e, "Accepted on", OfferText.When(acceptance.AcceptedUtc));
        Fact(html, e, "Client address", acceptance.ClientAddress);
        Fact(html, e, "User agent", acceptance.UserAgent);
        Fact(html, e, "SHA-256 of the terms", acceptance.TermsSha256);
        html.Append("</dl>\n<h2>Terms</h2>\n<div class=\"offer-terms\">\n");

        // Stored as rendered when the offer was sent (Markdown with raw HTML disabled); the hash above is of exactly this text.
        html.Append(acceptance.TermsHtml);
        html.Append("\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Fact(StringBuilder html, HtmlEncoder e, string name, string value) =>
        html.Append("<dt>").Append(e.Encode(name)).Append("</dt><dd>").Append(e.Encode(value)).Append("</dd>\n");
}
