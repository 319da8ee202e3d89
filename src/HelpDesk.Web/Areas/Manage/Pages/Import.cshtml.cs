using System.Text;
using HelpDesk.Web.Api;
using HelpDesk.Web.Import;
using HelpDesk.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Manage.Pages;

/// <summary>
/// Imports a CSV file in two steps, with the API's imports (<see cref="ImportKinds"/>): the chosen file is checked as a
/// dry run, which lists every row's problems or says how many rows are ready; a ready file is then imported whole.
/// The checked file goes to the second step as a hidden field of its form, not kept on the server: the import checks
/// every row again before it saves, so a changed field can do no more than a new upload, and there is nothing stored
/// to expire or to share between servers. Each kind is offered to whoever its API route allows (people: administrators).
/// The saved records are shown on the answer to the import itself, not after a redirect: a file's list of new records
/// can outgrow what a redirect carries, and posting it again is refused row by row as a duplicate.
/// </summary>
public sealed class ImportModel(IAuthorizationService authorization) : PageModel
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The checked file's text, sent back by the import step's form.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    /// <summary>The kinds this person may import.</summary>
    public IReadOnlyList<ImportKind> Kinds { get; private set; } = [];

    public ImportKind? Chosen => ImportKinds.Find(Kind);

    /// <summary>The dry run's report, or a refused import's.</summary>
    public ImportOutcome? Checked { get; private set; }

    /// <summary>What the import saved.</summary>
    public ImportOutcome? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kind)
    {
        Kinds = await AllowedKindsAsync();
        Kind = Kinds.FirstOrDefault(k => string.Equals(k.Name, kind, StringComparison.OrdinalIgnoreCase))?.Name ?? (Kinds.Count > 0 ? Kinds[0].Name : null);
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string? kind)
    {
        if (await AllowedAsync(kind) is not { } allowed)
        {
            return Forbid();
        }

        return File(Encoding.UTF8.GetBytes(allowed.Resolve(HttpContext.RequestServices).Template), ImportEndpoints.CsvType, $"{allowed.Name}-template.csv");
    }

    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (await ChosenAllowedAsync() is not { } kind)
        {
            return Forbid();
        }

        var (text, problem) = await ImportFile.ReadAsync(Upload, HttpContext.RequestAborted);
        if (text is null)
        {
            ModelState.AddModelError(nameof(Upload), problem!);
            return Page();
        }

        var outcome = await RunAsync(kind, text, dryRun: true);
        if (outcome.Rows == 0 && outcome.Succeeded)
        {
            ModelState.AddModelError(nameof(Upload), $"{Path.GetFileName(Upload!.FileName)} has its header line but no rows. Add a row under it for each of the {kind.Things} to import.");
            return Page();
        }

        (Checked, Csv, FileName) = (outcome, text, Path.GetFileName(Upload!.FileName));
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        if (await ChosenAllowedAsync() is not { } kind)
        {
            return Forbid();
        }

        if (string.IsNullOrEmpty(Csv) || Csv.Length > ImportFile.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), "Choose the CSV file and check it before importing it.");
            return Page();
        }

        var outcome = await RunAsync(kind, Csv, dryRun: false);
        if (outcome.Succeeded)
        {
            Imported = outcome;
            Csv = null;
        }
        else
        {
            Checked = outcome;
        }

        return Page();
    }

    private async Task<ImportOutcome> RunAsync(ImportKind kind, string text, bool dryRun)
    {
        using var csv = new StringReader(text);
        return await kind.Resolve(HttpContext.RequestServices).ImportAsync(csv, dryRun, User.UserId(), HttpContext.RequestAborted);
    }

    /// <summary>The kinds this person may import, and of them the one the form names; null when they may not import it.</summary>
    private async Task<ImportKind?> ChosenAllowedAsync()
    {
        Kinds = await AllowedKindsAsync();
        return Kinds.FirstOrDefault(k => k == Chosen);
    }

    private async Task<ImportKind?> AllowedAsync(string? name) =>
        ImportKinds.Find(name) is { } kind && (await authorization.AuthorizeAsync(User, kind.Policy)).Succeeded ? kind : null;

    private async Task<IReadOnlyList<ImportKind>> AllowedKindsAsync()
    {
        var allowed = new List<ImportKind>();
        foreach (var kind in ImportKinds.All)
        {
            if (await AllowedAsync(kind.Name) is not null)
            {
                allowed.Add(kind);
            }
        }

        return allowed;
    }
}
