using HelpDesk.Core.Scope;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Scope;

/// <summary>Puts a product with releases and published scope versions in place through the use cases a manager's pages call.</summary>
public static class ScopeSeeding
{
    /// <summary>Adds the product (with two releases and one environment) and publishes one version per summary; a product already there is left as it is.</summary>
    public static async Task<Product> PublishAsync(this HelpDeskAppFactory app, string code, string name, params (string Summary, int ReleasesBack, string? Customization)[] versions)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(versions);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IScopeStore>();
        if (await store.FindProductAsync(code) is { } existing)
        {
            return existing;
        }

        var product = (await services.GetRequiredService<SaveProduct>().HandleAsync(new SaveProductRequest(null, code, name, $"{name}, as tested."))).Value!;
        var releases = services.GetRequiredService<SaveRelease>();
        (await releases.HandleAsync(new SaveReleaseRequest(product.Id, null, "1.0", new DateOnly(2024, 1, 10), new DateOnly(2025, 1, 31)))).Succeeded.Should().BeTrue();
        (await releases.HandleAsync(new SaveReleaseRequest(product.Id, null, "2.0", new DateOnly(2025, 1, 10), null))).Succeeded.Should().BeTrue();
        await services.GetRequiredService<SaveEnvironment>().HandleAsync(new SaveEnvironmentRequest(null, "linux-x64", "Linux x64", EnvironmentKind.Platform));

        var managerId = (await app.UserIdAsync("manager@helpdesk.test"))!.Value;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (summary, back, customization) in versions)
        {
            var saved = await services.GetRequiredService<SaveScopeDraft>().HandleAsync(new SaveScopeDraftRequest
            {
                ProductId = product.Id,
                Summary = summary,
                EffectiveOn = today,
                ReleasesBack = back,
                EnvironmentCodes = ["linux-x64"],
                OutOfScope = customization is null ? [] : [new OutOfScopeClause(RequestCategories.Customization, customization)],
                Version = (await store.GetDraftAsync(product.Id))?.Version ?? 0,
            });
            saved.Errors.Should().BeEmpty();
            var published = await services.GetRequiredService<PublishScope>().HandleAsync(new PublishScopeRequest(product.Id, saved.Value!.Version, managerId));
            published.Errors.Should().BeEmpty();
        }

        return product;
    }
}
