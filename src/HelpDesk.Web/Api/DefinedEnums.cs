using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using HelpDesk.Core.Common;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// Refuses a body whose enum fields carry a value the enum does not define (<c>"kind": 7</c>): JSON reads enums by
/// name or number, and a number is not checked, so it would reach a use case and be stored where nobody sees it.
/// Answers 422 naming each such field before any handler runs.
/// </summary>
public static class DefinedEnums
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> EnumProperties = new();

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var errors = new List<FieldError>();
        foreach (var argument in context.Arguments)
        {
            if (argument is not null)
            {
                Check(argument, errors);
            }
        }

        return errors.Count > 0 ? ResultResponses.Problem(Result<object>.Invalid(errors)) : await next(context);
    }

    /// <summary>Adds an error for each enum property of <paramref name="body"/> whose value the enum does not define.</summary>
    public static void Check(object body, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var property in EnumProperties.GetOrAdd(body.GetType(), PropertiesOf))
        {
            if (property.GetValue(body) is Enum value && !IsDefined(value))
            {
                var type = value.GetType();
                errors.Add(new(
                    JsonNamingPolicy.CamelCase.ConvertName(property.Name),
                    $"{Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not one of the values allowed here: {string.Join(", ", Enum.GetNames(type))}."));
            }
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type) =>
        // The API's request bodies and parameter sets; never the services a handler also takes.
        type.Namespace == typeof(DefinedEnums).Namespace && !type.IsEnum
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsEnum)
                .ToArray()
            : [];

    private static bool IsDefined(Enum value)
    {
        var type = value.GetType();
        if (type.GetCustomAttribute<FlagsAttribute>() is null)
        {
            return Enum.IsDefined(type, value);
        }

        var all = Enum.GetValues(type).Cast<Enum>().Aggregate(0UL, (bits, v) => bits | Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        return (Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) & ~all) == 0;
    }
}
