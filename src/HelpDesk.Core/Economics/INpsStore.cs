namespace HelpDesk.Core.Economics;

/// <summary>The asks and answers of the NPS question (tables <c>NpsAsks</c> and <c>NpsAnswers</c>).</summary>
public interface INpsStore
{
    /// <summary>The contact's latest ask and latest answer, as <see cref="NpsSurvey.Decide"/> reads them.</summary>
    Task<NpsContact> GetContactAsync(int userId, CancellationToken cancellationToken = default);

    Task<NpsAsk> AddAskAsync(NewNpsAsk ask, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: records a new ask when <see cref="NpsAnswerWrite.NewAsk"/> is set, saves the answer (which
    /// the facts count on its day) and closes the ask as answered. Null when the ask was closed meanwhile.
    /// </summary>
    Task<NpsAnswer?> AnswerAsync(NpsAnswerWrite answer, CancellationToken cancellationToken = default);

    /// <summary>Closes the open ask <paramref name="askId"/> as dismissed; false when it was closed meanwhile.</summary>
    Task<bool> DismissAsync(int askId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <summary>An ask to record: the contact, where they were shown the question and when; closed at once when <see cref="Outcome"/> is set.</summary>
public sealed record NewNpsAsk(int UserId, string Channel, int? TicketId, DateTime AskedUtc)
{
    public string? Outcome { get; init; }
}

/// <summary>An answer to save against the open ask <see cref="AskId"/>, or against <see cref="NewAsk"/> recorded with it.</summary>
public sealed record NpsAnswerWrite(int? AskId, NewNpsAsk? NewAsk, int UserId, int OrganisationId, int Score, string? Comment, string Channel, DateTime AnsweredUtc)
{
    /// <summary>The UTC day the answer counts on.</summary>
    public string Day => NpsSurvey.DayOf(AnsweredUtc);
}

public sealed record NpsAnswer(int Id, int UserId, int OrganisationId, int Score, string? Comment, string Channel, DateTime AnsweredUtc, string Day);
