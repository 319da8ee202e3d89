using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Scope;

/// <summary>A draft's what-if over the period it was replayed on.</summary>
public sealed record DraftWhatIfRun(WhatIfReport Report, DateTime FromUtc, DateTime ToUtc);

/// <summary>
/// "Had this draft been in force" over the last <see cref="Months"/> months, as the draft's preview page and the
/// Scope of Support API both show it.
/// </summary>
public static class DraftWhatIf
{
    /// <summary>How far back the what-if replays tickets.</summary>
    public const int Months = 12;

    public static async Task<DraftWhatIfRun> ReplayAsync(IScopeWhatIfSource source, Product product, ScopeOfSupport draft, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(clock);
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to.AddMonths(-Months);
        return new DraftWhatIfRun(ScopeWhatIf.Replay(await source.LoadAsync(product, draft, from, to, cancellationToken)), from, to);
    }
}
