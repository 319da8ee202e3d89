using MailKit.Net.Smtp;
using MimeKit;

namespace HelpDesk.Mail.Outbound;

/// <summary>Sends through an SMTP server with MailKit; one connection per session.</summary>
public sealed class SmtpMailTransport(SmtpSettings settings) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        var client = new SmtpClient { Timeout = MailTls.TimeoutMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.TlsMode.ToSocketOptions(), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
            }

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
            client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
            {
                // The messages were sent or marked failed already; a QUIT that fails changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }

        public void Dispose() => client.Dispose();
    }
}
