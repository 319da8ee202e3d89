using HelpDesk.Core.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Web.Mail;

/// <summary>
/// Text protected with this installation's data-protection keys, which live in the database and are shared by every
/// node; a copy of the database without the keys does not reveal it. Each kind of secret has its own purpose.
/// </summary>
public abstract class PurposeProtector(IDataProtectionProvider provider, string purpose)
{
    private readonly IDataProtector _protector = provider.CreateProtector(purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}

/// <summary>Mailbox passwords, protected with data protection.</summary>
public sealed class DataProtectionSecrets(IDataProtectionProvider provider) : PurposeProtector(provider, Purpose), ISecretProtector
{
    public const string Purpose = "HelpDesk.Mailboxes.Password.v1";
}
