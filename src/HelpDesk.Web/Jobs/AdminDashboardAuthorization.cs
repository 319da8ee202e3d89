using Hangfire.Dashboard;
using HelpDesk.Core.Accounts;

namespace HelpDesk.Web.Jobs;

/// <summary>The Hangfire dashboard is for administrators only; the endpoint also requires the Admin policy.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
