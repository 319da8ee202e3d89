using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using HelpDesk.Web.Api;
using HelpDesk.Web.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.Web.Hosting;

public static class HelpDeskPipeline
{
    public static WebApplication UseHelpDesk(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // The id every log line of this request carries (ASP.NET Core's RequestId scope) is echoed to the caller,
            // so a person reporting a problem can quote it.
            var headers = context.Response.Headers;
            headers["X-Request-Id"] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            await next(context);
        });

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
                pages.UseHsts();
            }

            pages.UseStatusCodePagesWithReExecute("/status/{0}");
        });
        app.UseMiddleware<BadRequestProblems>();

        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).DisableRateLimiting();
        app.MapOpenApi("/api/openapi/{documentName}.json");
        app.MapHelpDeskApi();
        app.MapRazorPages();
        var dashboard = new DashboardOptions
        {
            AppPath = "/admin",
            DashboardTitle = "HelpDesk jobs",
            Authorization = [new AdminDashboardAuthorization()],
        };
        app.MapHangfireDashboard("/admin/jobs", dashboard).RequireAuthorization(Areas.Admin);
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
