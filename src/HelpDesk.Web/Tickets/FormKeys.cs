using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Tickets;

/// <summary>
/// The hidden key a form that files a ticket or adds a message is rendered with: sent twice (a double click, a reload
/// that posts again) it makes one ticket or message (see <see cref="RequestKeys"/>). A form shown again after an error
/// keeps its key; one whose key was already used for other content gets a new one, so sending it again goes through.
/// </summary>
public static class FormKeys
{
    public const string RefusedMessage =
        "This form was already sent once with other content, and that was saved. Nothing was saved this time; send it again to save this too.";

    /// <summary>The key to render in the form's hidden field named <paramref name="field"/>.</summary>
    public static string Render(ModelStateDictionary modelState, string field, string? posted)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return posted is null || Refused(modelState, field) ? Guid.NewGuid().ToString("N") : posted;
    }

    /// <summary>True when the form's key was refused because it was used for other content.</summary>
    public static bool Refused(ModelStateDictionary modelState, string field)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;
    }

    /// <summary>The signed-in user's key from the form; null when the form sent none.</summary>
    public static RequestKey? Of(TicketActor actor, string? posted)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return posted is null || actor.UserId is not int userId ? null : new RequestKey(userId, posted);
    }
}
