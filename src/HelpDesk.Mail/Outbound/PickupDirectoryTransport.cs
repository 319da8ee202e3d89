using MimeKit;

namespace HelpDesk.Mail.Outbound;

/// <summary>
/// Writes each message to <c>{directory}/{Message-ID}.eml</c> instead of sending it: the default when no SMTP server is
/// set up, and a way to see the mail in development. Written to a temporary file and renamed, so a reader never sees
/// half a message.
/// </summary>
public sealed class PickupDirectoryTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.FromResult<IMailSession>(new Session(Directory));
    }

    /// <summary>The file a message is written to.</summary>
    public string PathFor(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string(messageId.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return Path.Combine(Directory, name + ".eml");
    }

    private sealed class Session(string directory) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            var messageId = string.IsNullOrEmpty(message.MessageId) ? Guid.NewGuid().ToString("N") : message.MessageId;
            var target = new PickupDirectoryTransport(directory).PathFor(messageId);
            var temp = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var file = File.Create(temp))
                {
                    await message.WriteToAsync(file, cancellationToken);
                }

                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public void Dispose()
        {
        }
    }
}
