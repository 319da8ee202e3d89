using System.Globalization;
using System.Text.Json;
using Hangfire;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Api;
using HelpDesk.Web.Jobs;
using HelpDesk.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.Web.Hosting;

public static class HelpDeskPipeline
{
    public static WebApplication UseHelpDesk(this WebApplication app)
    {
        // First, so that everything after sees the client's own address and scheme (from trusted proxies only).
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            // Written as the response starts, so that an error response, whose headers the exception handler clears,
            // carries them too.
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });

        if (app.Services.GetRequiredService<PublicSite>().BaseUrl.Scheme == Uri.UriSchemeHttps)
        {
            // A load balancer probes /health over plain HTTP inside the network; everything else moves to HTTPS.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        if (!app.Environment.IsDevelopment())
        {
            // Sent only over HTTPS (as the client saw it, through a trusted proxy).
            app.UseHsts();
        }

        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error");
            }

            pages.UseStatusCodePagesWithReExecute("/status/{0}");
        });
        app.UseMiddleware<BadRequestProblems>();

        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(SessionChecks.RefuseRevokedBearerAsync);
        app.Use(ApiTokenScopes.EnforceAsync);
        app.UseAuthorization();

        // The job dashboard names its page's language after the UI culture; on a server without a locale that is the
        // invariant culture ("iv"), which no screen reader knows. The dashboard speaks English, so it says so.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(JobDashboardPath),
            dashboard => dashboard.Use((context, next) =>
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                return next(context);
            }));

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).DisableRateLimiting();
        var openApi = app.MapOpenApi("/api/openapi/{documentName}.json");
        if (app.Environment.IsProduction())
        {
            openApi.RequireAuthorization(StaffPolicy);
        }

        app.MapHelpDeskApi();
        app.MapRazorPages();
        app.MapLiveDesk();
        var dashboard = new DashboardOptions
        {
            AppPath = "/admin",
            DashboardTitle = "HelpDesk jobs",
            Authorization = [new AdminDashboardAuthorization()],
        };
        app.MapHangfireDashboard(JobDashboardPath, dashboard).RequireAuthorization(Areas.Admin);
        return app;
    }

    private const string StaffPolicy = HelpDeskServices.StaffPolicy;

    private const string JobDashboardPath = "/admin/jobs";

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// The overall status for anyone (what a load balancer needs); in Production the checks' details, which name
    /// servers and mailboxes, only for signed-in staff.
    /// </summary>
    private static async Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var environment = context.RequestServices.GetRequiredService<IHostEnvironment>();
        var detailed = !environment.IsProduction()
            || (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, StaffPolicy)).Succeeded;
        object body = detailed
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
