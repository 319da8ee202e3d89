using System.Globalization;
using HelpDesk.Core.Organisations;
using HelpDesk.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Account;

public sealed class ConfirmEmailModel(HelpDeskUserManager users, IOrganisationStore organisations) : PageModel
{
    public bool Confirmed { get; private set; }

    public string Message { get; private set; } = "";

    public async Task OnGetAsync(int userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        if (user is null || string.IsNullOrEmpty(code))
        {
            Message = "The link is incomplete or the account no longer exists. Register again, or ask for a new link.";
            return;
        }

        string token;
        try
        {
            token = CustomerRegistration.DecodeToken(code);
        }
        catch (FormatException)
        {
            Message = "The link is damaged. Copy the whole link from the message, or register again.";
            return;
        }

        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            Message = "The link has expired or was already used. Sign in if you confirmed before, or reset your password to get a new one.";
            return;
        }

        Confirmed = true;
        var organisation = user.OrganisationId is int id ? await organisations.GetAsync(id, HttpContext.RequestAborted) : null;
        Message = organisation is not null
            ? $"Thank you. You have joined {organisation.Name}, which owns the domain of your address."
            : user.OrganisationId is null && await users.IsInRoleAsync(user, HelpDesk.Core.Accounts.Roles.Customer)
                ? "Thank you. No customer organisation owns your email's domain yet, so a manager will place your account; you can sign in meanwhile."
                : "Thank you. You can sign in now.";
    }
}
