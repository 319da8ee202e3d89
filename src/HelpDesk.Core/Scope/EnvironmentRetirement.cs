using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="ActorId">The manager who confirmed it, for the audit trail.</param>
public sealed record EnvironmentChangeRequest(int EnvironmentId, int ActorId);

/// <summary>An environment and what retiring or deleting it would do.</summary>
public sealed record EnvironmentRemoval(TargetEnvironment Environment, CatalogueRemoval Removal);

/// <summary>
/// Retires an environment, reinstates it, or deletes one that nothing refers to, each with a line in the
/// environment's audit trail. <see cref="DescribeAsync"/> is what the confirmation page shows; the changes check the
/// same rules again.
/// </summary>
public sealed class EnvironmentRetirement(IScopeStore store, TimeProvider clock)
{
    public async Task<Result<EnvironmentRemoval>> DescribeAsync(int environmentId, CancellationToken cancellationToken = default)
    {
        var environment = (await store.ListEnvironmentsAsync(cancellationToken)).FirstOrDefault(e => e.Id == environmentId);
        if (environment is null)
        {
            return Result<EnvironmentRemoval>.NotFound("That environment is no longer in the catalogue.");
        }

        var versions = await store.ListScopesNamingEnvironmentAsync(environment.Code, cancellationToken);
        var products = (await store.ListProductsAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        var references = await store.EnvironmentReferencesAsync(environment, cancellationToken);
        var removal = CatalogueRetirement.AssessEnvironment(environment, versions, products, references, clock.UtcNow());
        return Result<EnvironmentRemoval>.Ok(new EnvironmentRemoval(environment, removal));
    }

    public async Task<Result<EnvironmentRemoval>> RetireAsync(EnvironmentChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var described = await DescribeAsync(request.EnvironmentId, cancellationToken);
        if (!described.Succeeded)
        {
            return described;
        }

        var (environment, removal) = described.Value!;
        if (removal.RetiredUtc is not null)
        {
            return Result<EnvironmentRemoval>.Invalid("", $"{environment.Name} was already retired.");
        }

        if (removal.RetireRefusal is { } refusal)
        {
            return Result<EnvironmentRemoval>.Invalid("", refusal);
        }

        var now = clock.UtcNow();
        var audit = Line(environment, request.ActorId, $"retired {environment.Name}", string.Join(" ", removal.Consequences), now);
        return await store.SetEnvironmentRetiredAsync(environment.Id, now, audit, cancellationToken)
            ? Result<EnvironmentRemoval>.Ok(described.Value with { Environment = environment with { RetiredUtc = now } })
            : Result<EnvironmentRemoval>.Conflict($"Someone else retired or deleted {environment.Name} meanwhile; the page below is current.");
    }

    public async Task<Result<EnvironmentRemoval>> ReinstateAsync(EnvironmentChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var described = await DescribeAsync(request.EnvironmentId, cancellationToken);
        if (!described.Succeeded)
        {
            return described;
        }

        var environment = described.Value!.Environment;
        if (environment.RetiredUtc is null)
        {
            return Result<EnvironmentRemoval>.Invalid("", $"{environment.Name} is not retired.");
        }

        var now = clock.UtcNow();
        var audit = Line(environment, request.ActorId, $"reinstated {environment.Name}", "Customers are offered it again, and scope drafts may list it.", now);
        return await store.SetEnvironmentRetiredAsync(environment.Id, null, audit, cancellationToken)
            ? Result<EnvironmentRemoval>.Ok(described.Value with { Environment = environment with { RetiredUtc = null } })
            : Result<EnvironmentRemoval>.Conflict($"Someone else reinstated or deleted {environment.Name} meanwhile; the page below is current.");
    }

    /// <summary>Deletes an environment nothing refers to: a ticket, a scope version or a skill naming it makes it retire-only.</summary>
    public async Task<Result<EnvironmentRemoval>> DeleteAsync(EnvironmentChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var described = await DescribeAsync(request.EnvironmentId, cancellationToken);
        if (!described.Succeeded)
        {
            return described;
        }

        var (environment, removal) = described.Value!;
        if (removal.DeleteRefusal is { } refusal)
        {
            return Result<EnvironmentRemoval>.Invalid("", refusal + (removal.CanRetire ? " Retire it instead." : ""));
        }

        var audit = Line(environment, request.ActorId, $"deleted {environment.Name}", $"Its code was {environment.Code}; nothing referred to it.", clock.UtcNow());
        return await store.DeleteEnvironmentAsync(environment.Id, audit, cancellationToken)
            ? described
            : Result<EnvironmentRemoval>.Invalid("", $"{environment.Name} cannot be deleted: something refers to it now. Retire it instead.");
    }

    private static ManageAuditEntry Line(TargetEnvironment environment, int actorId, string action, string detail, DateTime now) => new()
    {
        Subject = AuditSubjects.Environment,
        SubjectId = environment.Id,
        ActorId = actorId,
        Action = action,
        Detail = detail,
        AtUtc = now,
    };
}
