using HelpDesk.Core.Attachments;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases and rules of the help desk. The stores they need come from HelpDesk.Data.</summary>
    public static IServiceCollection AddHelpDeskCore(this IServiceCollection services, AttachmentPolicy attachments, TicketSettings tickets)
    {
        services.AddSingleton(attachments);
        services.AddSingleton(tickets);
        services.AddScoped<FileTicket>();
        services.AddScoped<ReplyToTicket>();
        services.AddScoped<ChangeTicketStatus>();
        services.AddScoped<AssignTicket>();
        services.AddScoped<LogTime>();
        services.AddScoped<RateTicket>();
        services.AddScoped<CloseResolvedTickets>();
        services.AddScoped<CheckEntitlement>();
        services.AddScoped<ITicketIntakeStep, JudgeEntitlement>();
        services.AddScoped<OverrideEntitlement>();
        AddScopeEditing(services);
        return services;
    }

    private static void AddScopeEditing(IServiceCollection services)
    {
        services.AddScoped<SaveProduct>();
        services.AddScoped<SaveRelease>();
        services.AddScoped<DeleteRelease>();
        services.AddScoped<SaveEnvironment>();
        services.AddScoped<SaveThirdPartyProduct>();
        services.AddScoped<SaveScopeDraft>();
        services.AddScoped<PublishScope>();
        services.AddScoped<DeleteScopeDraft>();
    }
}
