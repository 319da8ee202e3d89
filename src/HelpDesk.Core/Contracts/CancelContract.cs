using System.Globalization;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Contracts;

/// <summary>A contract with the names a manager reads it by and what cancelling it would do, one sentence each.</summary>
public sealed record ContractCancellation(
    Contract Contract,
    string OrganisationName,
    string PlanName,
    IReadOnlyList<string> ProductNames,
    IReadOnlyList<int> OpenTickets,
    IReadOnlyList<string> Consequences);

/// <summary>
/// Cancels a contract: from then on it entitles nothing, as if it had never been signed. Its history stays, the
/// contract's audit trail says who cancelled it and what followed, and <see cref="ReinstateContract"/> can undo it.
/// <see cref="DescribeAsync"/> is what the confirmation page shows.
/// </summary>
public sealed class CancelContract(IContractStore contracts, IOrganisationStore organisations, IScopeStore catalogue, TimeProvider clock)
{
    public const int ReasonMaxLength = 500;

    public async Task<Result<ContractCancellation>> DescribeAsync(int contractId, CancellationToken cancellationToken = default)
    {
        var contract = await contracts.GetContractAsync(contractId, cancellationToken);
        if (contract is null)
        {
            return Result<ContractCancellation>.NotFound($"There is no contract {Contract.FormatNumber(contractId)}.");
        }

        var organisation = (await organisations.GetAsync(contract.OrganisationId, cancellationToken))?.Name ?? "(removed)";
        var plan = (await contracts.GetPlanAsync(contract.PlanId, cancellationToken))?.Name ?? "(removed)";
        var products = (await catalogue.ListProductsAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name);
        var names = contract.ProductIds.Select(id => products.GetValueOrDefault(id, "(removed)")).ToList();
        var open = await contracts.ListOpenTicketsAsync(contract.Id, cancellationToken);
        var theirs = await contracts.ListContractsAsync(contract.OrganisationId, cancellationToken);
        return Result<ContractCancellation>.Ok(new ContractCancellation(
            contract, organisation, plan, names, open, Consequences(contract, organisation, names, open, theirs)));
    }

    /// <param name="reason">Why it is cancelled, kept in the contract's audit trail; optional.</param>
    public async Task<Result<Contract>> HandleAsync(int contractId, int version, int actorId, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (reason?.Trim().Length > ReasonMaxLength)
        {
            return Result<Contract>.Invalid("reason", $"Keep the reason under {ReasonMaxLength} characters.");
        }

        var described = await DescribeAsync(contractId, cancellationToken);
        if (!described.Succeeded)
        {
            return described.As<Contract>();
        }

        var contract = described.Value!.Contract;
        if (contract.Status == ContractStatus.Cancelled)
        {
            return Result<Contract>.Invalid("", $"{contract.Number} is already cancelled.");
        }

        var audit = new ManageAuditEntry
        {
            Subject = AuditSubjects.Contract,
            SubjectId = contract.Id,
            ActorId = actorId,
            Action = "cancelled",
            Detail = string.Join(" ", Reasoned(reason).Concat(described.Value.Consequences.SkipLast(1))),
            AtUtc = clock.UtcNow(),
        };
        var saved = await contracts.SetStatusAsync(contract.Id, version, ContractStatus.Cancelled, audit, cancellationToken);
        return saved is null
            ? Result<Contract>.Conflict($"Someone else changed {contract.Number} since you opened it; reload and cancel it again if you still mean to.")
            : Result<Contract>.Ok(saved);
    }

    private static IEnumerable<string> Reasoned(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? [] : [$"Reason: {reason.Trim()}"];

    /// <summary>What cancelling <paramref name="contract"/> leads to, worded for the manager about to confirm it.</summary>
    public static IReadOnlyList<string> Consequences(Contract contract, string organisation, IReadOnlyList<string> products, IReadOnlyList<int> openTickets, IReadOnlyList<Contract> theirs)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(openTickets);
        ArgumentNullException.ThrowIfNull(theirs);
        var lines = new List<string>
        {
            $"From now on {contract.Number} entitles no one to support: new requests from {organisation} about {EntitlementWording.List(products)} no longer find it.",
            openTickets.Count switch
            {
                0 => $"No open ticket was judged under {contract.Number}.",
                1 => $"1 open ticket loses coverage: {TicketNumber.Format(openTickets[0])}. It keeps the verdict it was filed with until it is judged again.",
                var n => string.Create(CultureInfo.InvariantCulture, $"{n} open tickets lose coverage: {EntitlementWording.List([.. openTickets.Select(TicketNumber.Format)])}. Each keeps the verdict it was filed with until it is judged again."),
            },
        };

        if (ContractStates.RenewalOf(contract, theirs) is { } renewal)
        {
            lines.Add($"{renewal.Number} renews it and is not affected.");
        }

        if (contract.RenewsContractId is int renews && theirs.FirstOrDefault(c => c.Id == renews) is { } renewed)
        {
            lines.Add($"It renews {renewed.Number}, which will read as expired rather than renewed.");
        }

        lines.Add("It can be reinstated later, unless another contract then covers the same products on the same days.");
        return lines;
    }
}
