using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Tickets;

/// <summary>
/// Binds a form's true/false fields (checkboxes). A value a browser never sends (<c>maybe</c>, <c>1e400</c>) is a field
/// error, and the form is shown again with the box cleared: the framework's own binder keeps the tampered text as the
/// attempted value, and the checkbox tag helper then fails converting it back, turning a typo into a server error.
/// </summary>
public sealed class CheckboxBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        // A ticked box sends "true" and its hidden field "false"; the first value is the box's.
        var first = values.FirstValue;
        if (string.IsNullOrEmpty(first) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
        {
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        if (bool.TryParse(first, out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult(bool.FalseString));
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "This box is either ticked or not; reload the page and choose again.");
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Uses <see cref="CheckboxBinder"/> for every <c>bool</c> and <c>bool?</c> a page binds from a form or query.</summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    private static readonly CheckboxBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(bool) && context.BindingInfo.BindingSource != BindingSource.Body ? Binder : null;
    }
}
