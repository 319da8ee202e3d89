using HelpDesk.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Web.Webhooks;

/// <summary>Subscription secrets protected with the installation's data-protection keys (kept in the database, shared by every node).</summary>
public sealed class DataProtectionWebhookSecrets(IDataProtectionProvider provider) : IWebhookSecrets
{
    public const string Purpose = "HelpDesk.Webhooks.Secret.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
