namespace HelpDesk.Core.Mail;

/// <summary>
/// The address people open the help desk at (<c>App:PublicUrl</c>). Every link in mail starts with it and never with
/// the Host a request came with, which anyone can set.
/// </summary>
public sealed record PublicSite
{
    public PublicSite(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The public address must be absolute.", nameof(baseUrl));
        }

        BaseUrl = baseUrl;
        Root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public Uri BaseUrl { get; }

    /// <summary>Scheme, host, port and any path the site sits under, without a trailing slash.</summary>
    public string Root { get; }

    /// <summary>The absolute address of an app-relative path such as <c>/portal/offers/4</c>.</summary>
    public string Link(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith('/') ? Root + path : $"{Root}/{path}";
    }

    /// <summary>
    /// The same path and query as <paramref name="link"/>, on this site: a link another part of the framework built
    /// from the request is moved here before it is mailed.
    /// </summary>
    public string Rebase(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        // A path is taken as it is: on Unix "/path" would also parse as an absolute file URI.
        return !link.StartsWith('/') && Uri.TryCreate(link, UriKind.Absolute, out var absolute) ? Link(absolute.PathAndQuery) : Link(link);
    }
}
