namespace HelpDesk.Web.Hosting;

/// <summary>
/// Marks a page that shows mail HTML (a ticket's conversation), which gets <see cref="SecurityHeaders.MailContentSecurityPolicy"/>
/// instead of the site's policy.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ShowsMailAttribute : Attribute;
