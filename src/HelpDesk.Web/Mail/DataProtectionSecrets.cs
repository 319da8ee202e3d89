using HelpDesk.Core.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Web.Mail;

/// <summary>
/// Mailbox passwords protected with this installation's data-protection keys, which live in the database and are
/// shared by every node; a copy of the database without the keys does not reveal them.
/// </summary>
public sealed class DataProtectionSecrets(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "HelpDesk.Mailboxes.Password.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
