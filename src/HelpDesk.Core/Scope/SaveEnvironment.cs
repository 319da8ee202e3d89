using HelpDesk.Core.Common;

namespace HelpDesk.Core.Scope;

/// <param name="Id">Null to add an environment.</param>
/// <param name="Code">Used only when adding: scope versions name environments by code, so it never changes.</param>
public sealed record SaveEnvironmentRequest(int? Id, string? Code, string? Name, EnvironmentKind Kind);

/// <summary>Adds an environment to the catalogue or renames one.</summary>
public sealed class SaveEnvironment(IScopeStore store)
{
    public async Task<Result<TargetEnvironment>> HandleAsync(SaveEnvironmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = await store.ListEnvironmentsAsync(cancellationToken);
        var existing = request.Id is int id ? all.FirstOrDefault(e => e.Id == id) : null;
        if (request.Id is not null && existing is null)
        {
            return Result<TargetEnvironment>.NotFound("That environment is no longer in the catalogue.");
        }

        var environment = new TargetEnvironment
        {
            Id = existing?.Id ?? 0,
            Code = existing?.Code ?? (request.Code ?? "").Trim().ToLowerInvariant(),
            Name = (request.Name ?? "").Trim(),
            Kind = request.Kind,
            RetiredUtc = existing?.RetiredUtc,
        };
        var errors = ScopeRules.CheckEnvironment(environment);
        if (errors.Count > 0)
        {
            return Result<TargetEnvironment>.Invalid(errors);
        }

        var taken = $"Another environment already has the code {environment.Code}.";
        if (all.Any(e => e.Id != environment.Id && string.Equals(e.Code, environment.Code, StringComparison.OrdinalIgnoreCase)))
        {
            return Result<TargetEnvironment>.Invalid("code", taken);
        }

        var saved = await store.SaveEnvironmentAsync(environment, cancellationToken);
        return saved is null ? Result<TargetEnvironment>.Invalid("code", taken) : Result<TargetEnvironment>.Ok(saved);
    }
}
