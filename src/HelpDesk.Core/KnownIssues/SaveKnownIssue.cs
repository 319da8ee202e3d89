using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.KnownIssues;

/// <param name="Id">Null to create a known issue, else the one to change.</param>
/// <param name="ExpectedVersion">The version the writer read; required to change an issue.</param>
public sealed record SaveKnownIssueRequest(TicketActor Actor, int? Id, KnownIssueDraft Draft, int? ExpectedVersion = null);

/// <summary>Creates or changes a known issue (staff only). A change made with a stale version saves nothing.</summary>
public sealed class SaveKnownIssue(IKnownIssueStore issues, IScopeStore catalogue, TimeProvider clock)
{
    public async Task<Result<KnownIssue>> HandleAsync(SaveKnownIssueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Actor.Kind != ActorKind.Staff)
        {
            return Result<KnownIssue>.NotFound("There is no such known issue.");
        }

        var products = await catalogue.ListProductsAsync(cancellationToken);
        var errors = KnownIssueRules.Check(request.Draft, products);
        if (request.Id is not null && request.ExpectedVersion is null)
        {
            errors.Add(new("version", "Send the version of the known issue you read, so a change made meanwhile is not overwritten."));
        }

        if (errors.Count > 0)
        {
            return Result<KnownIssue>.Invalid(errors);
        }

        var now = clock.UtcNow();
        var draft = request.Draft;
        var release = draft.StatusRelease?.Trim();
        var fields = new KnownIssue
        {
            Title = draft.Title!.Trim(),
            ProductId = draft.ProductId!.Value,
            AffectedReleases = draft.AffectedReleases?.Trim() ?? "",
            Kind = draft.Kind!.Value,
            Status = draft.Status!.Value,
            StatusRelease = string.IsNullOrEmpty(release) ? null : release,
            PublicNote = draft.PublicNote?.Trim() ?? "",
            CreatedUtc = now,
            UpdatedUtc = now,
            Version = 1,
        };
        if (request.Id is not int id)
        {
            var newId = await issues.AddAsync(fields, cancellationToken);
            return Result<KnownIssue>.Ok((await issues.GetAsync(newId, cancellationToken))!);
        }

        var current = await issues.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return Result<KnownIssue>.NotFound($"There is no known issue {id}.");
        }

        var saved = current.Version == request.ExpectedVersion
            && await issues.UpdateAsync(fields with { Id = id, CreatedUtc = current.CreatedUtc, Version = request.ExpectedVersion.Value }, cancellationToken);
        return saved
            ? Result<KnownIssue>.Ok((await issues.GetAsync(id, cancellationToken))!)
            : Result<KnownIssue>.Conflict("Someone else changed this known issue since you opened it. Your changes are not saved; reload it to see theirs, then make yours again.");
    }
}
