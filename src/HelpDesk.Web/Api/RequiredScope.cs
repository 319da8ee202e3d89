using HelpDesk.Core.Accounts;

namespace HelpDesk.Web.Api;

/// <summary>Endpoint metadata: the <see cref="ApiScopes"/> scope an API token needs to reach the route.</summary>
public sealed record RequiredScope(string Scope);

public static class RequiredScopeExtensions
{
    /// <summary>Names the scope an API token needs for these routes (the last one named wins).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!ApiScopes.IsKnown(scope))
        {
            throw new ArgumentException($"'{scope}' is not an API scope.", nameof(scope));
        }

        return builder.WithMetadata(new RequiredScope(scope));
    }
}
