using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Organisations;
using HelpDesk.Core.Routing;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Core.Webhooks;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Contracts;
using HelpDesk.Data.Economics;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Migrations;
using HelpDesk.Data.Offers;
using HelpDesk.Data.Organisations;
using HelpDesk.Data.Routing;
using HelpDesk.Data.Scope;
using HelpDesk.Data.Sla;
using HelpDesk.Data.Tickets;
using HelpDesk.Data.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connection factory for the configured provider, the migration runner and every store.
    /// The settings are read when first needed, so a bad setting surfaces as a
    /// <see cref="DatabaseConfigurationException"/> at start-up rather than here.
    /// </summary>
    public static IServiceCollection AddHelpDeskData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(_ => DatabaseConfiguration.Read(configuration, contentRoot));
        services.AddSingleton(sp => DbConnectionFactory.Create(sp.GetRequiredService<DatabaseOptions>()));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddHostedService<TicketSearchIndexer>();
        // The host registers the "Mail" settings; without them the defaults serve (Message-IDs on the default domain).
        services.TryAddSingleton(new MailSettings());
        // The concrete outbox too: the stores that queue mail call its EnqueueAsync inside their transaction.
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<OutboxStore>());
        services.AddSingleton<IInboundMailStore, InboundMailStore>();
        services.AddSingleton<IInboundReviewList, InboundReviewList>();
        services.AddSingleton<IMailboxStore, MailboxStore>();
        services.AddSingleton<OrganisationCache>();
        services.AddSingleton<OrganisationStore>();
        services.AddSingleton<IOrganisationStore>(provider => provider.GetRequiredService<OrganisationStore>());
        // The concrete store too: the stores that write messages call its AddAsync inside their transaction.
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<AttachmentStore>());
        services.AddSingleton<ITicketStore, TicketStore>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IWebhookSignal>(sp => sp.GetRequiredService<WebhookSignal>());
        services.AddSingleton<IWebhookStore, WebhookStore>();
        services.AddSingleton<IRequestKeyStore, RequestKeyStore>();
        services.AddSingleton<IPeopleDirectory, PeopleDirectory>();
        services.TryAddSingleton<AccountCache>();
        services.AddSingleton<IAccountStore, AccountStore>();
        services.AddSingleton<IRefreshTokenUses, RefreshTokenUseStore>();
        services.AddSingleton<IApiTokenStore, ApiTokenStore>();
        services.AddSingleton<IServiceAccountStore, ServiceAccountStore>();
        services.AddSingleton<IScopeStore, ScopeStore>();
        services.AddSingleton<IContractStore, ContractStore>();
        services.AddSingleton<IEconomicsStore, EconomicsStore>();
        services.AddSingleton<IEconomicsReader, EconomicsReader>();
        services.AddSingleton<IScopeReviewReader, ScopeReviewReader>();
        services.AddSingleton<INpsStore, NpsStore>();
        services.AddSingleton<IRollupStatusReader, RollupStatusReader>();
        services.AddSingleton<EntitlementFactsCache>();
        services.AddSingleton<IEntitlementFactsSource, EntitlementFactsSource>();
        services.AddSingleton<IScopeWhatIfSource, ScopeWhatIfSource>();
        services.AddSingleton<EngineerProfileCache>();
        services.AddSingleton<IEngineerStore, EngineerStore>();
        services.AddSingleton<IRoutingStore, RoutingStore>();
        services.AddSingleton<ISlaCalendarSource, SlaCalendarSource>();
        services.AddSingleton<IManageAudit, ManageAuditStore>();
        services.AddSingleton<IOfferingStore, OfferingStore>();
        services.AddSingleton<IOfferStore, OfferStore>();
        services.AddSingleton<IOfferPipelineStore, OfferPipelineStore>();
        services.AddSingleton<IBuyingRights, BuyingRightsStore>();
        services.AddSingleton<HelpDesk.Core.KnownIssues.IKnownIssueStore, KnownIssues.KnownIssueStore>();
        return services;
    }
}
