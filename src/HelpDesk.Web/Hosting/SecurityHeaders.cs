using System.Diagnostics;

namespace HelpDesk.Web.Hosting;

/// <summary>The headers every response carries, error responses included.</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// No inline script or style anywhere: behaviour comes from files under wwwroot and hangs on data-* attributes, and
    /// a page's data sits in <c>script type="application/json"</c> blocks, which never run.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Hangfire dashboard (administrators only) is a third-party page that writes inline script and style.</summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        // The id every log line of this request carries (ASP.NET Core's RequestId scope) is echoed to the caller, so a
        // person reporting a problem can quote it.
        headers["X-Request-Id"] = RequestId(context);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/admin/jobs") ? DashboardContentSecurityPolicy : ContentSecurityPolicy;
    }

    public static string RequestId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
