using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HelpDesk.Web.Api;

/// <summary>
/// How the API description names sign-in: two bearer schemes (the sign-in token from <c>POST /api/auth/login</c>, and
/// an API token <c>hd_…</c>), and on each operation what it accepts. An operation that names a scope
/// (<see cref="RequiredScope"/>) takes either a sign-in token or an API token holding that scope; the scope is listed in
/// the API token's requirement (OpenAPI 3.1 lets a requirement of any scheme type list what it needs) and, for tools
/// that read only OAuth requirements' scopes, as <c>x-required-scope</c>. An operation that needs a sign-in but no
/// scope (token management, the account's own details) takes the sign-in token only.
/// </summary>
public static class OpenApiSecurity
{
    public const string SignInScheme = "signInToken";

    public const string ApiTokenScheme = "apiToken";

    public const string ScopeExtension = "x-required-scope";

    public static OpenApiOptions AddSecurity(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SignInScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/auth/login (valid for an hour; renew it with POST /api/auth/refresh), sent as Authorization: Bearer <token>. It acts with the whole of the person's role.",
            };
            document.Components.SecuritySchemes[ApiTokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "hd_…",
                Description = "An API token made on /account/tokens (or by an administrator for a service account), sent as Authorization: Bearer hd_…. It reaches an operation only when it holds the scope the operation names, and never does more than its owner's role.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var scope = metadata.OfType<RequiredScope>().LastOrDefault()?.Scope;
            var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (scope is null && !signedIn)
            {
                return Task.CompletedTask;
            }

            operation.Security = [Requirement(SignInScheme, context.Document)];
            if (scope is not null)
            {
                operation.Security.Add(Requirement(ApiTokenScheme, context.Document, scope));
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[ScopeExtension] = new JsonNodeExtension(JsonValue.Create(scope));
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document, params string[] scopes) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. scopes] };
}
