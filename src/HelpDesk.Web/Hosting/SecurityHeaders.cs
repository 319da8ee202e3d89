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

    /// <summary>
    /// Pages that show mail (<see cref="ShowsMailAttribute"/>). The sanitized HTML keeps inline styles from an
    /// allow-list of properties that act inside the message, so style attributes are allowed (style-src-attr) while
    /// style elements and style sheets stay our own. Images may come from any https host, because a reader's "Load
    /// images" moves a parked address into src; until then the sanitized HTML names no image anywhere else, so
    /// opening the page fetches nothing from another host.
    /// </summary>
    public const string MailContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; "
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
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/admin/jobs") ? DashboardContentSecurityPolicy
            : context.GetEndpoint()?.Metadata.GetMetadata<ShowsMailAttribute>() is not null ? MailContentSecurityPolicy
            : ContentSecurityPolicy;
    }

    public static string RequestId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
