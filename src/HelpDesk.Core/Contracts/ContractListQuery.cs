namespace HelpDesk.Core.Contracts;

/// <summary>
/// One page of the contract list, newest first (by id), with the filters a manager or a script sets; the store applies
/// every filter and the page in its query. <see cref="State"/> is how a contract stands at <see cref="NowUtc"/>, read in
/// the contract's own time zone.
/// </summary>
public sealed record ContractListQuery
{
    public int? OrganisationId { get; init; }
    public int? ProductId { get; init; }

    /// <summary>Only contracts whose last day is before this day.</summary>
    public DateOnly? EndingBefore { get; init; }
    public ContractState? State { get; init; }

    /// <summary>The keyset cursor: only contracts with a smaller id (those after the previous page's last).</summary>
    public int? BeforeId { get; init; }

    /// <summary>The rows to return; the store returns one more when there are more, so the caller knows a next page exists.</summary>
    public int Take { get; init; } = 50;
    public DateTime NowUtc { get; init; }
}

/// <summary>
/// A page of contracts (up to <see cref="ContractListQuery.Take"/> + 1), with the active contracts that renew any of
/// them, which their state and "renewed by" are read from.
/// </summary>
public sealed record ContractListPage(IReadOnlyList<Contract> Contracts, IReadOnlyList<Contract> Renewals);
