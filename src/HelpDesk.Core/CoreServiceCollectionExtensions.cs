using HelpDesk.Core.Attachments;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the use cases and rules of the help desk. The stores they need come from HelpDesk.Data. The routing
    /// SLA and mail settings are the defaults unless the caller gives them (or registered its own before).
    /// </summary>
    public static IServiceCollection AddHelpDeskCore(
        this IServiceCollection services,
        AttachmentPolicy attachments,
        TicketSettings tickets,
        RoutingSettings? routing = null,
        SlaSettings? sla = null,
        MailSettings? mail = null,
        OfferSettings? offers = null)
    {
        services.AddSingleton(attachments);
        services.AddSingleton(tickets);
        if (routing is not null)
        {
            services.AddSingleton(routing);
        }

        if (sla is not null)
        {
            services.AddSingleton(sla);
        }

        services.TryAddSingleton(new RoutingSettings());
        if (mail is not null)
        {
            services.AddSingleton(mail);
        }

        services.TryAddSingleton(new SlaSettings());
        services.TryAddSingleton(Currency.Default);
        services.TryAddSingleton(new MailSettings());
        if (offers is not null)
        {
            services.AddSingleton(offers);
        }

        services.TryAddSingleton(new OfferSettings());
        services.AddSingleton<FullMailCounts>();
        services.AddScoped<ReceiveEmail>();
        services.AddScoped<IEmailIntake>(provider => provider.GetRequiredService<ReceiveEmail>());
        services.AddScoped<IInboundReview>(provider => provider.GetRequiredService<ReceiveEmail>());
        services.AddScoped<FileTicket>();
        services.AddScoped<ReplyToTicket>();
        services.AddScoped<KnownIssues.SaveKnownIssue>();
        services.AddScoped<KnownIssues.LinkTicketToKnownIssue>();
        services.AddScoped<KnownIssues.TellCustomersOfFix>();
        services.AddScoped<KnownIssues.KnownIssueList>();
        services.AddScoped<ChangeTicketStatus>();
        services.AddScoped<AssignTicket>();
        services.AddScoped<LogTime>();
        services.AddScoped<RateTicket>();
        services.AddScoped<CloseResolvedTickets>();
        services.AddScoped<ForgetRequestKeys>();
        services.AddScoped<CheckEntitlement>();
        services.AddScoped<ITicketIntakeStep, JudgeEntitlement>();

        // After the entitlement check: the router needs the product it recognised.
        services.AddScoped<ITicketIntakeStep, RouteTicket>();
        services.AddScoped<OverrideEntitlement>();
        services.AddScoped<ClassifyTicket>();
        services.AddScoped<MarkDuplicate>();
        services.AddScoped<MarkNotAnIncident>();
        services.AddScoped<SavePlan>();
        services.AddScoped<SaveHolidayCalendar>();
        services.AddScoped<SaveContract>();
        services.AddScoped<RenewContract>();
        services.AddScoped<CancelContract>();
        services.AddScoped<ReinstateContract>();
        services.AddScoped<ActivateContract>();
        services.AddScoped<UpdateOrganisation>();
        services.AddScoped<CreateOrganisation>();
        AddScopeEditing(services);
        AddRouting(services);
        AddOffers(services);
        return services;
    }

    private static void AddOffers(IServiceCollection services)
    {
        services.AddScoped<SaveOfferingDraft>();
        services.AddScoped<PublishOffering>();
        services.AddScoped<RetireOffering>();
        services.AddScoped<MakeOffer>();

        services.AddScoped<ITicketRejudging, TicketRejudging>();
        services.AddScoped<AcceptOffer>();
        services.AddScoped<DeclineOffer>();
        services.AddScoped<WithdrawOffer>();
        services.AddScoped<RequestQuote>();
        services.AddScoped<CloseQuoteRequest>();
        services.AddScoped<OfferExpiry>();
        services.AddScoped<SetBuyingRight>();
        services.AddScoped<SetAdminContact>();
    }

    private static void AddRouting(IServiceCollection services)
    {
        services.AddScoped<PullFromQueues>();
        services.AddScoped<Rerouting>();
        services.AddScoped<EscalateTicket>();
        services.AddScoped<HandBackTicket>();
        services.AddScoped<ReassignTicket>();
        services.AddScoped<SaveEngineerProfile>();
        services.AddScoped<AddCostRate>();
        services.AddScoped<SetEngineerAvailability>();
        services.AddScoped<SlaMonitor>();
        services.TryAddSingleton(new RollupSettings());
        services.AddScoped<MetricsRollup>();
        services.AddScoped<AskForNps>();
        services.AddScoped<AnswerNps>();
        services.AddScoped<DismissNps>();
        services.AddScoped<ReadValueReport>();
        services.AddScoped<SendValueReport>();
    }

    private static void AddScopeEditing(IServiceCollection services)
    {
        services.AddScoped<SaveProduct>();
        services.AddScoped<SaveRelease>();
        services.AddScoped<ReleaseRetirement>();
        services.AddScoped<EnvironmentRetirement>();
        services.AddScoped<SaveEnvironment>();
        services.AddScoped<SaveThirdPartyProduct>();
        services.AddScoped<SaveScopeDraft>();
        services.AddScoped<PublishScope>();
        services.AddScoped<DeleteScopeDraft>();
    }
}
