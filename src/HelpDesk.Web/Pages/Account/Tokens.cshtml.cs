using HelpDesk.Core.Accounts;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Authorization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>The signed-in person's own API tokens, for scripts that act as them.</summary>
[Authorize]
public sealed class TokensModel(IApiTokenStore tokens, TimeProvider clock) : ApiTokenPageModel(tokens, clock)
{
    protected override Task<int?> OwnerIdAsync() => Task.FromResult<int?>(User.UserId());
}
