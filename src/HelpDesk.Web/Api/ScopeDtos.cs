using HelpDesk.Core.Scope;

namespace HelpDesk.Web.Api;

/// <summary>A product's Scope of Support: its published versions, newest first, the one in force today and its draft.</summary>
/// <param name="InForce">The number of the version in force today; null when none is yet.</param>
/// <param name="Draft">The draft being prepared; null when there is none.</param>
public sealed record ScopeOverviewDto(ProductDto Product, int? InForce, IReadOnlyList<ScopeVersionSummaryDto> Published, ScopeDraftDto? Draft);

/// <summary>One published version, without its text.</summary>
/// <param name="AppliesTo">Now: every contract from <paramref name="EffectiveOn"/>. AtRenewal: only contracts that start or renew after it was published.</param>
public sealed record ScopeVersionSummaryDto(int Number, DateOnly EffectiveOn, DateTime? PublishedUtc, ScopeApplication AppliesTo, string ChangeNote)
{
    public static ScopeVersionSummaryDto From(ScopeOfSupport version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.Number, version.EffectiveOn, version.PublishedUtc, version.AppliesTo, version.ChangeNote);
    }
}

/// <summary>One published version: its settings and its text, clause by clause, as <c>/scope</c> shows it.</summary>
public sealed record ScopeVersionDto(ScopeVersionSummaryDto Version, ScopeSettingsDto Settings, ScopeDocument Document);

/// <summary>What a version says, in the fields the draft is edited with.</summary>
/// <param name="ReleasesBack">How many releases before the current one are supported; null: the releases' end-of-support dates alone.</param>
/// <param name="EnvironmentCodes">The supported environments, by catalogue code.</param>
/// <param name="OutOfScope">The request categories not covered, each with the explanation customers read.</param>
public sealed record ScopeSettingsDto(
    string Summary,
    string ChangeNote,
    DateOnly? EffectiveOn,
    int? ReleasesBack,
    IReadOnlyList<string> EnvironmentCodes,
    bool ModifiedSourceCovered,
    bool ThirdPartyIntegrationCovered,
    IReadOnlyList<OutOfScopeClause> OutOfScope)
{
    public static ScopeSettingsDto From(ScopeOfSupport scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new(
            scope.Summary,
            scope.ChangeNote,
            scope.EffectiveOn == default ? null : scope.EffectiveOn,
            scope.ReleasesBack,
            scope.EnvironmentCodes,
            scope.ModifiedSourceCovered,
            scope.ThirdPartyIntegrationCovered,
            scope.OutOfScope);
    }
}

/// <summary>A product's draft scope.</summary>
/// <param name="Saved">False when there is no draft yet: the settings are a copy of the newest published version to start one from, and <paramref name="Version"/> is 0.</param>
/// <param name="Version">Send it back with a change, a discard or a publish; one based on an older version answers 409.</param>
public sealed record ScopeDraftDto(int ProductId, bool Saved, ScopeSettingsDto Settings, DateTime? UpdatedUtc, int Version)
{
    public static ScopeDraftDto From(ScopeOfSupport draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new(draft.ProductId, draft.Id != 0, ScopeSettingsDto.From(draft), draft.Id == 0 ? null : draft.UpdatedUtc, draft.Version);
    }
}

/// <summary>
/// The draft as customers will read it once published, and "had this draft been in force": the tickets of the period
/// whose verdict it would move between in scope and out of scope, if it applied to every contract at once
/// (<paramref name="ApplyNow"/>) or only to contracts that start or renew after it (<paramref name="AtRenewal"/>).
/// </summary>
/// <param name="Replayed">How many of the product's tickets of the period were judged again.</param>
public sealed record ScopePreviewDto(
    ScopeDraftDto Draft,
    ScopeDocument Document,
    DateTime FromUtc,
    DateTime ToUtc,
    int Replayed,
    WhatIfOutcome ApplyNow,
    WhatIfOutcome AtRenewal);

/// <summary>One category a draft leaves out of scope, with the explanation customers read.</summary>
public sealed record OutOfScopeBody(string? Category, string? Explanation);

/// <summary>The draft's settings; send them all, as the edit form does.</summary>
/// <param name="EffectiveOn">The day it takes effect (yyyy-MM-dd); publishing refuses a day before today.</param>
/// <param name="Version">The draft's version you read; 0 when there was no draft yet. Required.</param>
public sealed record ScopeDraftBody(
    string? Summary,
    string? ChangeNote,
    DateOnly? EffectiveOn,
    int? ReleasesBack,
    IReadOnlyList<string>? EnvironmentCodes,
    bool? ModifiedSourceCovered,
    bool? ThirdPartyIntegrationCovered,
    IReadOnlyList<OutOfScopeBody>? OutOfScope,
    int? Version)
{
    public SaveScopeDraftRequest ToRequest(int productId) => new()
    {
        ProductId = productId,
        Summary = Summary,
        ChangeNote = ChangeNote,
        EffectiveOn = EffectiveOn,
        ReleasesBack = ReleasesBack,
        EnvironmentCodes = [.. (EnvironmentCodes ?? []).Where(c => c is not null)],
        ModifiedSourceCovered = ModifiedSourceCovered ?? false,
        ThirdPartyIntegrationCovered = ThirdPartyIntegrationCovered ?? false,
        OutOfScope = [.. (OutOfScope ?? []).Where(c => c is not null).Select(c => new OutOfScopeClause(c.Category ?? "", c.Explanation ?? ""))],
        Version = Version ?? 0,
    };
}

/// <param name="Version">The draft's version you read. Required.</param>
public sealed record ScopeDraftVersionBody(int? Version);

/// <param name="Version">The draft's version you reviewed. Required.</param>
/// <param name="AppliesTo">Now (default): every contract from its effective date. AtRenewal: only contracts that start or renew from today.</param>
public sealed record ScopePublishBody(int? Version, ScopeApplication? AppliesTo);
