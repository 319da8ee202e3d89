using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Web.Tests.Infrastructure;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Every form on every page a person of each role can open, sent back with its checkboxes, numbers, dates and choices
/// tampered: the answer is the page with a field error or a redirect, never a server error.
/// </summary>
public sealed partial class TamperedFormTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static readonly string[] Tampered = ["maybe", "1e400", "-99999999999999999999", "\u0000", "99999", "2026-02-31"];

    [Theory]
    [InlineData("admin@helpdesk.test")]
    [InlineData("manager@helpdesk.test")]
    [InlineData("engineer@helpdesk.test")]
    [InlineData("customer@northwind.example")]
    public async Task EveryFormWithTamperedValues_AnswersWithoutAServerError(string email)
    {
        var client = await app.SignInAsync(email);
        var pages = RouteInventory.Read(app.Services)
            .Where(r => r.StartsWith("GET /", StringComparison.Ordinal) && !r.StartsWith("GET /api", StringComparison.Ordinal)
                && !r.Contains("signout", StringComparison.Ordinal) && !r.Contains("/admin/jobs", StringComparison.Ordinal))
            .Select(r => Regex.Replace(r[4..], "\\{[^}]+\\}", "1"))
            .Distinct()
            .ToList();

        var failures = new List<string>();
        foreach (var page in pages)
        {
            var response = await client.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            foreach (Match form in Form().Matches(html))
            {
                if (!string.Equals(Attribute(form.Groups["open"].Value, "method"), "post", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var action = Attribute(form.Groups["open"].Value, "action") ?? "";
                var target = action.Length == 0 ? page : action;
                foreach (var value in Tampered)
                {
                    var fields = Fields(form.Groups["body"].Value, value);
                    if (fields.Count == 0)
                    {
                        continue;
                    }

                    var answer = await client.PostAsync(target, new FormUrlEncodedContent(fields));
                    if ((int)answer.StatusCode >= 500)
                    {
                        failures.Add($"{page} → POST {target} with {value}: {(int)answer.StatusCode}");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task TheJobDashboardsStats_WithATamperedForm_IsNotAServerError()
    {
        var admin = await app.SignInAsync("admin@helpdesk.test");
        var page = await admin.GetAsync("/admin/jobs");
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "data-antiforgery-token=\"([^\"]*)\"");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/stats")
        {
            Content = new FormUrlEncodedContent([new("metrics[]", "no-such-metric"), new("metrics[]", "\u0000")]),
        };
        if (token.Success)
        {
            request.Headers.Add("X-XSRF-TOKEN", WebUtility.HtmlDecode(token.Groups[1].Value));
        }

        var response = await admin.SendAsync(request);

        ((int)response.StatusCode).Should().BeLessThan(500);
    }

    /// <summary>The form's fields with their own values, except that every field a person chooses or types a number or date in gets <paramref name="value"/>.</summary>
    private static List<KeyValuePair<string, string>> Fields(string body, string value)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var tampered = false;
        foreach (Match input in Input().Matches(body))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null)
            {
                continue;
            }

            var type = Attribute(tag, "type") ?? (tag.StartsWith("<select", StringComparison.OrdinalIgnoreCase) ? "select" : "text");
            var own = Attribute(tag, "value") ?? "";
            if (type is "checkbox" or "radio" or "number" or "date" or "datetime-local" or "select" || name.EndsWith("Id", StringComparison.Ordinal) || name.Contains("Version", StringComparison.Ordinal))
            {
                fields.Add(new(name, value));
                tampered = true;
            }
            else
            {
                fields.Add(new(name, own));
            }
        }

        return tampered ? fields : [];
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form(?<open>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("<(?:input|select|textarea)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();
}
