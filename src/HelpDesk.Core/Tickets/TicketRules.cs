using HelpDesk.Core.Attachments;
using HelpDesk.Core.Common;
using HelpDesk.Core.Scope;

namespace HelpDesk.Core.Tickets;

/// <summary>The limits on what a ticket and a message may hold, with messages that say how to fix the input.</summary>
public static class TicketRules
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int ProductMaxLength = 100;
    public const int ReleaseMaxLength = 50;
    public const int EnvironmentMaxLength = 100;
    public const int CategoryMaxLength = 50;
    public const int MaxMinutesPerEntry = 24 * 60;
    public const int NoteMaxLength = 1000;
    public const int CommentMaxLength = 2000;

    public static void Subject(List<FieldError> errors, string? subject)
    {
        var clean = PlainText.Clean(subject);
        if (clean.Length == 0)
        {
            errors.Add(new("subject", "Enter a subject: one line that says what is wrong."));
        }
        else if (clean.Length > SubjectMaxLength)
        {
            errors.Add(new("subject", $"Keep the subject under {SubjectMaxLength} characters; put the details in the description."));
        }
    }

    public static void Body(List<FieldError> errors, string? body, string field = "body")
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add(new(field, "Write a message."));
        }
        else if (body.Length > BodyMaxLength)
        {
            errors.Add(new(field, $"The message is {body.Length:N0} characters; the limit is {BodyMaxLength:N0}. Attach long logs as a file instead."));
        }
    }

    public static void Severity(List<FieldError> errors, int severity)
    {
        if (severity is < 1 or > 4)
        {
            errors.Add(new("severity", "Choose a severity from 1 (critical) to 4 (low)."));
        }
    }

    public static void Optional(List<FieldError> errors, string field, string? value, int maxLength, string label)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            errors.Add(new(field, $"Keep the {label} under {maxLength} characters."));
        }
    }

    /// <summary>A category, when given, is one of <see cref="RequestCategories.All"/> (by code, any case).</summary>
    public static void Category(List<FieldError> errors, string? code)
    {
        if (!string.IsNullOrWhiteSpace(code) && RequestCategories.Find(code) is null)
        {
            errors.Add(new("category", $"'{Clip(code.Trim(), CategoryMaxLength)}' is not a request category; use one of {string.Join(", ", RequestCategories.All.Select(c => c.Code))}, or none."));
        }
    }

    public static void Language(List<FieldError> errors, string? code)
    {
        if (!string.IsNullOrWhiteSpace(code) && Routing.Languages.Find(code) is null)
        {
            var offered = string.Join(", ", Routing.Languages.All.Select(l => $"{l.Code} ({l.Name})"));
            errors.Add(new("language", $"We cannot route tickets in '{code.Trim()}'. Choose one of: {offered}."));
        }
    }

    public static void Attachments(List<FieldError> errors, IReadOnlyList<NewAttachment> files, AttachmentPolicy policy)
    {
        foreach (var file in files)
        {
            var check = policy.Check(file.FileName, file.Content.LongLength);
            if (!check.IsAccepted)
            {
                errors.Add(new("attachments", check.Reason ?? $"{file.FileName} cannot be attached."));
            }
        }
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length] + "…";

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
