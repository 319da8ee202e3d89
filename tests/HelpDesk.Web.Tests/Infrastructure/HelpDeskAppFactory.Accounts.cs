using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpDesk.Web.Tests.Infrastructure;

/// <summary>What a person does with the mails the app sends about their account.</summary>
public partial class HelpDeskAppFactory
{
    /// <summary>Opens the link of the newest <paramref name="kind"/> mail to <paramref name="email"/> and chooses <paramref name="password"/> there.</summary>
    public async Task SetPasswordThroughLinkAsync(string email, string kind, string password)
    {
        var link = await LinkInLatestMailAsync(email, kind);
        var code = QueryHelpers.ParseQuery(new Uri(new Uri(PublicUrl), link).Query)["code"].ToString();
        var set = await CreateAnonymousClient().PostFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Code"] = code,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        set.StatusCode.Should().Be(HttpStatusCode.Redirect, PageText.ErrorsOf(await set.Content.ReadAsStringAsync()));
    }
}
