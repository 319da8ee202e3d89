namespace HelpDesk.Core.Common;

/// <summary>Why a use case did nothing. Each maps to one HTTP status in the API and one kind of message on a page.</summary>
public enum Failure
{
    /// <summary>The input is wrong; <see cref="Result{T}.Errors"/> says which field and why (422).</summary>
    Invalid,

    /// <summary>No such thing, or not the caller's to see (404).</summary>
    NotFound,

    /// <summary>Someone else changed it since it was read (409); reload and try again.</summary>
    Conflict,
}

/// <summary>A problem with one input field, worded for the person who typed it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The outcome of a use case: a value, or a failure with messages a person can act on.</summary>
public sealed record Result<T>
{
    public T? Value { get; private init; }

    public Failure? Failure { get; private init; }

    public IReadOnlyList<FieldError> Errors { get; private init; } = [];

    public bool Succeeded => Failure is null;

    public static Result<T> Ok(T value) => new() { Value = value };

    public static Result<T> Invalid(IReadOnlyList<FieldError> errors) => new() { Failure = Common.Failure.Invalid, Errors = errors };

    public static Result<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static Result<T> NotFound(string message) => new() { Failure = Common.Failure.NotFound, Errors = [new FieldError("", message)] };

    public static Result<T> Conflict(string message) => new() { Failure = Common.Failure.Conflict, Errors = [new FieldError("", message)] };

    /// <summary>The same failure carried into a result of another type.</summary>
    public Result<TOther> As<TOther>() => new() { Failure = Failure, Errors = Errors };
}

public static class Clock
{
    /// <summary>Now, to the millisecond: both engines store times to the millisecond, so what is saved reads back equal.</summary>
    public static DateTime UtcNow(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
