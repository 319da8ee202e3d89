using System.Globalization;
using System.Net;
using System.Text;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Turns a route of the inventory into the request a visitor would make to it.</summary>
public static class AccessMatrixRequests
{
    // Pages whose POST goes to a named handler; the matrix posts to the first one.
    private static readonly Dictionary<string, string> Handlers = new(StringComparer.Ordinal)
    {
        ["/admin/users/{id:int}"] = "Deactivate",
        ["/manage"] = "Create",
        ["/manage/index"] = "Create",
        ["/portal/tickets/{number}"] = "Reply",
        ["/desk/tickets/{number}"] = "Reply",
        ["/manage/catalogue"] = "Create",
        ["/manage/catalogue/index"] = "Create",
        ["/manage/catalogue/product/{productcode}"] = "Save",
        ["/manage/catalogue/removerelease/{id:int}"] = "Retire",
        ["/manage/catalogue/removeenvironment/{id:int}"] = "Retire",
        ["/manage/scope/edit/{productcode}"] = "Save",
        ["/manage/scope/preview/{productcode}"] = "Publish",
        ["/manage/engineers"] = "Availability",
        ["/manage/engineers/index"] = "Availability",
        ["/admin/mail/mailboxes"] = "Poll",
        ["/admin/mail/mailbox/{id:int?}"] = "Test",
        ["/admin/mail/outbox"] = "Retry",
        ["/admin/mail/quarantine"] = "Retry",
        ["/admin/mail/allowlist"] = "Add",
        ["/desk/mail/held"] = "Delete",
        ["/manage/services/preview/{id:int}"] = "Publish",
        ["/manage/organisations/buyers/{id:int}"] = "Right",
        ["/manage/services/pipeline"] = "Close",
        ["/portal/offers/{offerid:int}"] = "Accept",
        ["/portal/support"] = "Right",
        ["/admin/economics"] = "Rebuild",
        ["/admin/webhooks/{id:int}"] = "Ping",
        ["/account/tokens"] = "Create",
    };

    // API bodies that pass validation, so the request reaches the check of whose ticket it is. Versions are
    // deliberately stale: a visitor who may change the ticket gets 409 and nothing changes. The offer is withdrawn
    // already, and the offering does not exist, so deciding or making one is refused and nothing changes either.
    private static readonly Dictionary<string, string> ApiBodies = new(StringComparer.Ordinal)
    {
        ["/api/tickets/{number}/messages"] = """{"body":"Checking access."}""",
        ["/api/tickets/{number}/status"] = """{"status":"Resolved","version":999}""",
        ["/api/tickets/{number}/assignee"] = """{"assigneeId":null,"version":999}""",
        ["/api/tickets/{number}/time"] = $$"""{"minutes":5,"workDate":"{{DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}}","note":"matrix","billable":false}""",
        ["/api/tickets/{number}/rating"] = """{"score":5}""",
        ["/api/tickets/{number}/entitlement/override"] = """{"verdict":"OutOfScope","reason":"Checking access.","version":999}""",
        ["/api/entitlement/check"] = """{"product":"Ledger","release":"1.0","severity":3}""",
        ["/api/tickets/{number}/escalate"] = """{"reason":"Checking access.","version":999}""",
        ["/api/tickets/{number}/handback"] = """{"reason":"Checking access.","version":999}""",
        ["/api/tickets/{number}/reassign"] = """{"engineerId":null,"reason":"Checking access.","version":999}""",
        ["/api/tickets/{number}/classification"] = """{"product":"ledger","version":999}""",
        ["/api/tickets/{number}/duplicate"] = """{"original":"HD-1","version":999}""",
        ["/api/tickets/{number}/not-an-incident"] = """{"reason":"Checking access.","version":999}""",
        ["/api/tickets/{number}/offers"] = """{"offeringVersionId":999999}""",
        ["/api/offers/{id}/accept"] = """{"typedName":"Checking Access"}""",
        ["/api/offers/{id}/decline"] = """{"reason":"Checking access."}""",
        ["/api/offers/{id}/withdraw"] = """{"reason":"Checking access."}""",
    };

    /// <summary>
    /// Routes that end every session of the account: signing out, and Identity's first two-factor call, which makes an
    /// authenticator key and with it a new security stamp.
    /// </summary>
    private static readonly HashSet<string> EndSessions = new(StringComparer.Ordinal) { "POST /account/signout", "POST /api/auth/manage/2fa" };

    /// <param name="script">The client API routes are called with, instead of the visitor's (an API token's, say).</param>
    public static async Task<HttpResponseMessage> SendAsync(AccessMatrixFixture app, string route, Visitor visitor, HttpClient? script = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var response = await SendOnceAsync(app, route, visitor, script);
        if (EndSessions.Contains(route) && visitor != Visitor.Anonymous)
        {
            // The shared clients' sessions ended too.
            await app.RenewClientsAsync(visitor);
        }

        return response;
    }

    private static async Task<HttpResponseMessage> SendOnceAsync(AccessMatrixFixture app, string route, Visitor visitor, HttpClient? scriptClient)
    {
        var (method, pattern) = Split(route);
        var (browser, script, token) = pattern == "/account/signout" ? await app.FreshClientsAsync(visitor) : app.For(visitor);
        script = scriptClient ?? script;
        var path = pattern
            .Replace("{id}", app.OfferId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{number}", app.TicketId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{tokenId:int}", "999999", StringComparison.Ordinal)
            .Replace("{attachmentId:int}", app.AttachmentId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{code:int}", "404", StringComparison.Ordinal)
            .Replace("{offerid:int}", app.OfferId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{id:int?}", "1", StringComparison.Ordinal)
            .Replace("{id:int}", "1", StringComparison.Ordinal)
            .Replace("{personId:int}", "1", StringComparison.Ordinal)
            .Replace("{productId:int}", "1", StringComparison.Ordinal)
            .Replace("{number:int}", "1", StringComparison.Ordinal)
            .Replace("{releaseId:int}", "1", StringComparison.Ordinal)
            .Replace("{environmentId:int}", "1", StringComparison.Ordinal)
            .Replace("{thirdPartyId:int}", "1", StringComparison.Ordinal)
            .Replace("{deliveryId:int}", "1", StringComparison.Ordinal)
            .Replace("{productcode}", AccessMatrixFixture.ScopeProductCode, StringComparison.Ordinal)
            .Replace("{number:int}", "1", StringComparison.Ordinal)
            .Replace("{**path}", "", StringComparison.Ordinal);
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal) || path == "/health";

        if (pattern == "/hubs/desk/negotiate")
        {
            // The SignalR client negotiates with a POST carrying the sign-in cookie.
            return await browser.PostAsync(path + "?negotiateVersion=1", null);
        }

        if (method == "DELETE")
        {
            return await script.DeleteAsync(path);
        }

        if (method is "GET" or "ANY")
        {
            return await (isApi ? script : browser).GetAsync(path);
        }

        if (pattern == "/api/tickets/{number}/attachments")
        {
            using var upload = new MultipartFormDataContent
            {
                { new ByteArrayContent("checking access"u8.ToArray()), "files", "access.txt" },
            };
            return await script.PostAsync(path, upload);
        }

        if (isApi)
        {
            var json = ApiBodies.TryGetValue(pattern, out var body) ? body : "{}";
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            return await script.SendAsync(request);
        }

        var target = Handlers.TryGetValue(pattern, out var handler) ? $"{path}?handler={handler}" : path;
        return await browser.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>What the response means for access: the status, or "signin" for a redirect to the sign-in page.</summary>
    public static string Outcome(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/signin", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "signin";
        }

        return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }

    private static (string Method, string Pattern) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (route[..space], route[(space + 1)..]);
    }
}
