using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Desk.Pages.Tickets;

/// <summary>The choices of the classification form: the catalogue's products with their releases, and its environments.</summary>
public sealed record ClassificationForm(
    Ticket Ticket,
    ShowModel.ClassificationInput Input,
    IReadOnlyList<Product> Products,
    IReadOnlyDictionary<int, IReadOnlyList<string>> Releases,
    IReadOnlyList<TargetEnvironment> Environments)
{
    /// <summary>The catalogue's product the form shows as chosen; null when the ticket names none it knows.</summary>
    public Product? Chosen => Products.FirstOrDefault(p => Same(p.Name, Input.Product) || Same(p.Code, Input.Product));

    public static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Renders the desk's classification form with the catalogue to choose from.</summary>
public sealed class ClassificationFormViewComponent(IScopeStore catalogue) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Ticket ticket, ShowModel.ClassificationInput input)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var products = (await catalogue.ListProductsAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var releases = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var product in products)
        {
            releases[product.Id] = [.. (await catalogue.ListReleasesAsync(product.Id, cancellationToken)).OrderByDescending(r => r.ReleasedOn).Select(r => r.Name)];
        }

        var environments = (await catalogue.ListEnvironmentsAsync(cancellationToken)).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return View(new ClassificationForm(ticket, input, products, releases, environments));
    }
}
