using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Scope;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Manage;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages.Contracts;

/// <summary>
/// Creates a contract (no id), edits one, or renews one (<c>?renews=7</c>: the form comes filled in from C-0007 and
/// saving creates the renewal). A save refused because someone else changed the contract keeps the form as typed.
/// An existing contract's page shows its audit trail, links to the confirmation step that cancels it, and reinstates
/// it once cancelled.
/// </summary>
public sealed class EditModel(
    IContractStore contracts,
    IOrganisationStore organisations,
    IScopeStore scope,
    IManageAudit audit,
    HelpDeskUserManager users,
    SaveContract saveContract,
    RenewContract renewContract) : PageModel
{
    [BindProperty]
    public ContractInput Input { get; set; } = new();

    public Contract? Existing { get; private set; }

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public IReadOnlyList<HolidayCalendar> Calendars { get; private set; } = [];

    /// <summary>Who created, changed, cancelled and reinstated the contract, newest first.</summary>
    public IReadOnlyList<ManageAuditEntry> History { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    /// <summary>Why a reinstatement was refused, in words.</summary>
    public string? ReinstateMessage { get; private set; }

    public string Title => Existing is not null
        ? $"Contract {Existing.Number}"
        : Input.RenewsContractId is int renews ? $"Renew {Contract.FormatNumber(renews)}" : "New contract";

    public async Task<IActionResult> OnGetAsync(int? id, int? renews, int? organisation)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (id is int contractId)
        {
            Existing = await contracts.GetContractAsync(contractId, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = ContractInput.From(Existing);
        }
        else if (renews is int renewsId)
        {
            var prefill = await renewContract.HandleAsync(renewsId, cancellationToken);
            if (prefill.Failure == Failure.NotFound)
            {
                return NotFound();
            }

            if (!prefill.Succeeded)
            {
                TempData["Notice"] = prefill.Errors[0].Message;
                return RedirectToPage("Index");
            }

            Input = ContractInput.From(prefill.Value!);
        }
        else
        {
            Input.OrganisationId = organisation;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (id is int contractId)
        {
            Existing = await contracts.GetContractAsync(contractId, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var result = await saveContract.HandleAsync(Input.ToRequest(id ?? 0) with { ActorId = users.IdOf(User) }, cancellationToken);
        if (result.Succeeded)
        {
            var saved = result.Value!;
            TempData["Notice"] = Existing is not null
                ? $"Saved {saved.Number}."
                : saved.RenewsContractId is int renewed ? $"Created {saved.Number}, renewing {Contract.FormatNumber(renewed)}." : $"Created {saved.Number}.";
            return RedirectToPage("Index");
        }

        if (!ResultResponses.ShowOnForm(result, ModelState, out var stale))
        {
            return NotFound();
        }

        StaleMessage = stale;

        await LoadAsync();
        return Page();
    }

    /// <summary>Undoes a cancellation, unless the contract would now duplicate another one.</summary>
    public async Task<IActionResult> OnPostReinstateAsync(int id, int version, [FromServices] ReinstateContract reinstateContract)
    {
        ArgumentNullException.ThrowIfNull(reinstateContract);
        var result = await reinstateContract.HandleAsync(id, version, users.IdOf(User), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Notice"] = $"Reinstated {result.Value!.Number}; it entitles its organisation to support again.";
            return RedirectToPage(new { id });
        }

        Existing = await contracts.GetContractAsync(id, HttpContext.RequestAborted);
        if (result.Failure == Failure.NotFound || Existing is null)
        {
            return NotFound();
        }

        Input = ContractInput.From(Existing);
        ReinstateMessage = result.Errors[0].Message;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Organisations = await organisations.ListAsync(cancellationToken);
        Plans = await contracts.ListPlansAsync(cancellationToken);
        Products = await scope.ListProductsAsync(cancellationToken);
        Calendars = await contracts.ListCalendarsAsync(cancellationToken);
        History = Existing is null ? [] : await audit.ListAsync(AuditSubjects.Contract, Existing.Id, cancellationToken);
    }

    public sealed class ContractInput
    {
        public int Version { get; set; }

        public int? OrganisationId { get; set; }

        public int? PlanId { get; set; }

        public List<int> ProductIds { get; set; } = [];

        public DateOnly? StartsOn { get; set; }

        public DateOnly? EndsOn { get; set; }

        public string? Value { get; set; }

        public string? TimeZone { get; set; } = "UTC";

        /// <summary>Empty for the plan's time zone.</summary>
        public string? SupportTimeZone { get; set; }

        /// <summary>Null for the plan's holiday calendar.</summary>
        public int? HolidayCalendarId { get; set; }

        public int? RenewsContractId { get; set; }

        public static ContractInput From(Contract contract) => new()
        {
            Version = contract.Version,
            OrganisationId = contract.OrganisationId,
            PlanId = contract.PlanId,
            ProductIds = [.. contract.ProductIds],
            StartsOn = contract.StartsOn,
            EndsOn = contract.EndsOn,
            Value = Money.ForInput(contract.ValueCents),
            TimeZone = contract.TimeZone,
            SupportTimeZone = contract.SupportTimeZone,
            HolidayCalendarId = contract.HolidayCalendarId,
            RenewsContractId = contract.RenewsContractId,
        };

        public static ContractInput From(SaveContractRequest request) => new()
        {
            OrganisationId = request.OrganisationId,
            PlanId = request.PlanId,
            ProductIds = [.. request.ProductIds],
            StartsOn = request.StartsOn,
            EndsOn = request.EndsOn,
            Value = request.Value,
            TimeZone = request.TimeZone,
            SupportTimeZone = request.SupportTimeZone,
            HolidayCalendarId = request.HolidayCalendarId,
            RenewsContractId = request.RenewsContractId,
        };

        public SaveContractRequest ToRequest(int id) => new()
        {
            Id = id,
            Version = Version,
            OrganisationId = OrganisationId,
            PlanId = PlanId,
            ProductIds = ProductIds,
            StartsOn = StartsOn,
            EndsOn = EndsOn,
            Value = Value,
            TimeZone = TimeZone,
            SupportTimeZone = SupportTimeZone,
            HolidayCalendarId = HolidayCalendarId,
            RenewsContractId = RenewsContractId,
        };
    }
}
