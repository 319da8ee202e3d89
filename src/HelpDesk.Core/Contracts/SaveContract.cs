using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Contracts;

/// <summary>
/// A contract as a manager enters it. <see cref="Id"/> 0 creates one; otherwise <see cref="Version"/> is the one
/// edited. <see cref="Value"/> is typed in currency units (12000.00).
/// </summary>
public sealed record SaveContractRequest
{
    public int Id { get; init; }
    public int Version { get; init; }
    public int? OrganisationId { get; init; }
    public int? PlanId { get; init; }
    public IReadOnlyList<int> ProductIds { get; init; } = [];
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? Value { get; init; }
    public string? TimeZone { get; init; }

    /// <summary>The IANA zone the plan's hours are read in; blank for the plan's own.</summary>
    public string? SupportTimeZone { get; init; }

    /// <summary>The holiday calendar support is closed on; null for the plan's own.</summary>
    public int? HolidayCalendarId { get; init; }
    public int? RenewsContractId { get; init; }

    /// <summary>The manager saving it, for the contract's audit trail; null for the system (the demo, imports).</summary>
    public int? ActorId { get; init; }
}

/// <summary>A contract that passed <see cref="SaveContract"/>'s rules, with the audit line it is to be saved with.</summary>
public sealed record CheckedContract(Contract Contract, ManageAuditEntry Audit);

/// <summary>Creates or changes a contract, refusing terms that contradict themselves or duplicate another contract.</summary>
public sealed class SaveContract(IContractStore contracts, IOrganisationStore organisations, IScopeStore scope, TimeProvider clock, Currency currency)
{
    public async Task<Result<Contract>> HandleAsync(SaveContractRequest request, CancellationToken cancellationToken = default)
    {
        var checkedRequest = await CheckAsync(request, [], cancellationToken);
        if (!checkedRequest.Succeeded)
        {
            return checkedRequest.As<Contract>();
        }

        var (contract, audit) = checkedRequest.Value!;
        var saved = await contracts.SaveContractAsync(contract, audit, cancellationToken);
        return saved is null
            ? Result<Contract>.Conflict($"Someone else changed {contract.Number} since you opened it; reload to see their changes. What you typed is still in the form.")
            : Result<Contract>.Ok(saved);
    }

    /// <summary>
    /// Checks the request by every rule a saved contract obeys and builds the contract with its audit line, saving
    /// nothing. <paramref name="alsoNew"/> are new contracts that are to be saved with it (an import's earlier rows):
    /// they count as the organisation's contracts when overlaps are checked.
    /// </summary>
    public async Task<Result<CheckedContract>> CheckAsync(SaveContractRequest request, IReadOnlyList<Contract> alsoNew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(alsoNew);
        var errors = new List<FieldError>();

        Contract? existing = null;
        if (request.Id != 0)
        {
            existing = await contracts.GetContractAsync(request.Id, cancellationToken);
            if (existing is null)
            {
                return Result<CheckedContract>.NotFound($"There is no contract {Contract.FormatNumber(request.Id)}.");
            }

            if (existing.Status == ContractStatus.Cancelled)
            {
                return Result<CheckedContract>.Invalid("", $"{existing.Number} is cancelled; it can no longer be changed.");
            }
        }

        var organisation = request.OrganisationId is int organisationId ? await organisations.GetAsync(organisationId, cancellationToken) : null;
        if (organisation is null)
        {
            errors.Add(new("organisationId", request.OrganisationId is null ? "Choose the organisation the contract is with." : "That organisation no longer exists; choose another."));
        }

        var plan = request.PlanId is int planId ? await contracts.GetPlanAsync(planId, cancellationToken) : null;
        if (plan is null)
        {
            errors.Add(new("planId", request.PlanId is null ? "Choose the plan the contract is on." : "That plan no longer exists; choose another."));
        }

        var products = await scope.ListProductsAsync(cancellationToken);
        var productIds = request.ProductIds.Distinct().ToList();
        if (productIds.Count == 0)
        {
            errors.Add(new("productIds", "Choose at least one product the contract covers."));
        }
        else if (productIds.Any(id => products.All(p => p.Id != id)))
        {
            errors.Add(new("productIds", "One of the chosen products no longer exists; choose from the list again."));
        }

        if (request.StartsOn is null)
        {
            errors.Add(new("startsOn", "Enter the first day of the contract."));
        }

        if (request.EndsOn is null)
        {
            errors.Add(new("endsOn", "Enter the last day of the contract."));
        }

        if (request.StartsOn is DateOnly starts && request.EndsOn is DateOnly ends && ends < starts)
        {
            errors.Add(new("endsOn", $"The contract ends on {ContractStates.Describe(ends)}, before it starts on {ContractStates.Describe(starts)}."));
        }

        var valueCents = Money.ParseCents(request.Value, out var valueError);
        if (valueCents is null)
        {
            errors.Add(new("value", valueError!));
        }

        if (!ContractTerms.IsValidTimeZone(request.TimeZone))
        {
            errors.Add(new("timeZone", string.IsNullOrWhiteSpace(request.TimeZone)
                ? "Enter the customer's time zone, such as Europe/Berlin; the contract's dates are dates there."
                : $"'{request.TimeZone.Trim()}' is not a time zone; use an IANA name such as Europe/Berlin or America/Chicago."));
        }

        var supportTimeZone = string.IsNullOrWhiteSpace(request.SupportTimeZone) ? null : request.SupportTimeZone.Trim();
        if (supportTimeZone is not null && !ContractTerms.IsValidTimeZone(supportTimeZone))
        {
            errors.Add(new("supportTimeZone", $"'{supportTimeZone}' is not a time zone; use an IANA name such as Asia/Tokyo, or leave it empty for the plan's."));
        }

        HolidayCalendar? calendar = null;
        if (request.HolidayCalendarId is int calendarId && (calendar = await contracts.GetCalendarAsync(calendarId, cancellationToken)) is null)
        {
            errors.Add(new("holidayCalendarId", "That holiday calendar no longer exists; choose another, or the plan's."));
        }

        if (errors.Count > 0)
        {
            return Result<CheckedContract>.Invalid(errors);
        }

        var contract = new Contract
        {
            Id = request.Id,
            Version = request.Version,
            OrganisationId = organisation!.Id,
            PlanId = plan!.Id,
            ProductIds = [.. productIds.Order()],
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value,
            TimeZone = request.TimeZone!.Trim(),
            SupportTimeZone = supportTimeZone,
            HolidayCalendarId = calendar?.Id,
            ValueCents = valueCents!.Value,
            RenewsContractId = request.RenewsContractId,
            // A pending contract stays pending until a manager activates it, which checks it against the others then.
            Status = existing?.Status ?? ContractStatus.Active,
            IncidentsBought = existing?.IncidentsBought ?? 0,
            CreatedUtc = existing?.CreatedUtc ?? clock.UtcNow(),
        };

        IReadOnlyList<Contract> theirs = [.. await contracts.ListContractsAsync(organisation.Id, cancellationToken), .. alsoNew.Where(c => c.OrganisationId == organisation.Id)];
        CheckRenewal(contract, organisation, await RenewedAsync(request.RenewsContractId, cancellationToken), theirs, errors);
        if (contract.Status == ContractStatus.Active)
        {
            CheckOverlap(contract, organisation, theirs, products, errors);
        }
        if (errors.Count > 0)
        {
            return Result<CheckedContract>.Invalid(errors);
        }

        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Contract,
            SubjectId = contract.Id,
            ActorId = request.ActorId,
            Action = existing is null ? "created" : "changed",
            Detail = ContractChanges.Describe(existing, contract, new ContractNames(
                organisation.Name,
                (await contracts.ListPlansAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name),
                products.ToDictionary(p => p.Id, p => p.Name),
                (await contracts.ListCalendarsAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Name)), currency),
            AtUtc = clock.UtcNow(),
        };
        return Result<CheckedContract>.Ok(new CheckedContract(contract, audit));
    }

    private async Task<Contract?> RenewedAsync(int? id, CancellationToken cancellationToken) =>
        id is int renewsId ? await contracts.GetContractAsync(renewsId, cancellationToken) : null;

    /// <summary>A renewal continues one earlier contract of the same organisation, which only it renews.</summary>
    public static void CheckRenewal(Contract contract, Organisation organisation, Contract? renewed, IReadOnlyList<Contract> theirs, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(theirs);
        ArgumentNullException.ThrowIfNull(errors);
        if (contract.RenewsContractId is not int renewsId)
        {
            return;
        }

        if (renewed is null || renewsId == contract.Id)
        {
            errors.Add(new("renewsContractId", $"There is no contract {Contract.FormatNumber(renewsId)} for this one to renew."));
            return;
        }

        if (renewed.OrganisationId != organisation.Id)
        {
            errors.Add(new("renewsContractId", $"{renewed.Number} belongs to another organisation; a contract can only renew one of {organisation.Name}'s."));
            return;
        }

        if (renewed.EndsOn >= contract.StartsOn)
        {
            errors.Add(new("renewsContractId", $"{renewed.Number} runs until {ContractStates.Describe(renewed.EndsOn)}; its renewal must start after that, not on {ContractStates.Describe(contract.StartsOn)}."));
            return;
        }

        if (theirs.FirstOrDefault(c => c.RenewsContractId == renewsId && c.Id != contract.Id && c.Status == ContractStatus.Active) is { } other)
        {
            errors.Add(new("renewsContractId", $"{renewed.Number} is already renewed by {other.Number}."));
        }
    }

    /// <summary>Two active contracts of one organisation never cover the same product on the same day.</summary>
    public static void CheckOverlap(Contract contract, Organisation organisation, IReadOnlyList<Contract> theirs, IReadOnlyList<Product> products, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(theirs);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var other in theirs)
        {
            // New contracts (id 0) are all different ones: an import checks each against the rows before it.
            if ((contract.Id != 0 && other.Id == contract.Id) || ReferenceEquals(other, contract) || other.OrganisationId != contract.OrganisationId || other.Status != ContractStatus.Active || !ContractStates.Overlap(contract, other))
            {
                continue;
            }

            var shared = other.ProductIds.Intersect(contract.ProductIds).ToList();
            if (shared.Count == 0)
            {
                continue;
            }

            var names = string.Join(" and ", shared.Select(id => products.FirstOrDefault(p => p.Id == id)?.Name ?? $"product {id}"));
            errors.Add(new("productIds", $"{(other.Id == 0 ? "A contract in an earlier row" : other.Number)} already covers {names} for {organisation.Name} from {ContractStates.Describe(other.StartsOn)} to {ContractStates.Describe(other.EndsOn)}."));
        }
    }
}
