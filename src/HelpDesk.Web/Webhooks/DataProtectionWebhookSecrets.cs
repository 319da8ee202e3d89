using HelpDesk.Core.Webhooks;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Web.Webhooks;

/// <summary>Webhook subscription secrets, protected with data protection.</summary>
public sealed class DataProtectionWebhookSecrets(IDataProtectionProvider provider) : PurposeProtector(provider, Purpose), IWebhookSecrets
{
    public const string Purpose = "HelpDesk.Webhooks.Secret.v1";
}
