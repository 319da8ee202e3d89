using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Hangfire;
using HelpDesk.Core;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Mail;
using HelpDesk.Core.Tickets;
using HelpDesk.Data;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.DataProtection;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Web.Accounts;
using HelpDesk.Web.Api;
using HelpDesk.Web.Import;
using HelpDesk.Web.Jobs;
using HelpDesk.Web.Live;
using HelpDesk.Web.Tickets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hosting;

public static class HelpDeskServices
{
    /// <summary>Name of the authentication scheme that picks the bearer token or the sign-in cookie per request.</summary>
    public const string CookieOrBearerScheme = "CookieOrBearer";

    public const string SignInRateLimit = "sign-in";

    /// <summary>Who reviews held mail (<c>/desk/mail</c>): the desk, and the administrator who runs the mailboxes.</summary>
    public const string MailReviewPolicy = "MailReview";

    /// <summary>Who opens the CSV import page: managers, and administrators for the kinds that are theirs.</summary>
    public const string ImportPolicy = "Import";

    private const string ImportPage = "/Import";

    /// <summary>Anyone who works at the help desk: engineers, managers and administrators.</summary>
    public const string StaffPolicy = "Staff";

    /// <summary>Portal pages whose forms carry attachments.</summary>
    private static readonly string[] UploadPages = ["/Tickets/New", "/Tickets/Details"];

    public static WebApplicationBuilder AddHelpDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var attachments = new AttachmentPolicy(
            configuration.GetValue("Attachments:MaxMegabytes", AttachmentPolicy.DefaultMaxBytes / (1024 * 1024)) * 1024 * 1024,
            AttachmentPolicy.Default.AllowedExtensions);
        // Read when first resolved, which start-up does at once, so a bad setting stops it with a clear message.
        // Registered before Core, which adds its defaults only when none is registered.
        services.AddSingleton(_ => MoneySettingsReader.ReadCurrency(configuration));
        services.AddSingleton(_ => RoutingSettingsReader.ReadRouting(configuration));
        services.AddSingleton(_ => RoutingSettingsReader.ReadSla(configuration));
        services.AddSingleton(_ => MailSettingsReader.ReadMail(configuration));
        services.AddSingleton(_ => OfferSettingsReader.Read(configuration));
        services.AddSingleton(_ => PublicSiteReader.Read(configuration, builder.Environment));
        // A request naming another host is refused before anything reads it; links never come from the Host anyway.
        services.AddOptions<HostFilteringOptions>().Configure<PublicSite>((options, site) =>
            options.AllowedHosts = PublicSiteReader.AllowedHosts(site, builder.Environment));
        services.AddHelpDeskCore(
            attachments,
            new TicketSettings { CloseResolvedAfterDays = configuration.GetValue("Tickets:CloseResolvedAfterDays", 7) });
        services.AddHelpDeskData(configuration, builder.Environment.ContentRootPath);
        services.AddHelpDeskMailHost(configuration, builder.Environment.ContentRootPath);
        services.AddLiveDesk();
        services.AddHelpDeskWebhooks(configuration);

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        AddIdentity(services, SettingValues.Int(configuration.GetSection("Accounts"), "SessionCheckSeconds", 10, 0, 300));
        AddAuthorization(services);
        AddForwardedHeaders(services, configuration);
        AddRateLimits(services, configuration);
        AddMailIngressRateLimit(services, configuration);
        AddDataProtection(services);
        AddJobs(services, configuration);

        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeAreaFolder(Areas.Portal, "/", Areas.Portal);
            // The desk's mail pages (held mail, a received message) are also the administrator's, whose mail page links there.
            options.Conventions.AddAreaFolderApplicationModelConvention(Areas.Desk, "/", model => model.EndpointMetadata.Add(
                new AuthorizeAttribute(model.ViewEnginePath.StartsWith("/Mail/", StringComparison.OrdinalIgnoreCase) ? MailReviewPolicy : Areas.Desk)));
            // The import page is also the administrator's, who imports customer contacts there.
            options.Conventions.AddAreaFolderApplicationModelConvention(Areas.Manage, "/", model => model.EndpointMetadata.Add(
                new AuthorizeAttribute(model.ViewEnginePath == ImportPage ? ImportPolicy : Areas.Manage)));
            options.Conventions.AuthorizeAreaFolder(Areas.Admin, "/", Areas.Admin);

            // The pages that take files accept a request as large as the configured attachment limit allows.
            var uploadLimit = FormFiles.MaxRequestBytes(attachments);
            options.Conventions.AddAreaPageApplicationModelConvention(Areas.Manage, ImportPage, model =>
            {
                model.Filters.Add(new RequestSizeLimitAttribute(ImportFile.MaxRequestBytes));
                model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportFile.MaxRequestBytes, ValueLengthLimit = (int)ImportFile.MaxRequestBytes });
            });
            foreach (var page in UploadPages)
            {
                options.Conventions.AddAreaPageApplicationModelConvention(Areas.Portal, page, model =>
                {
                    model.Filters.Add(new RequestSizeLimitAttribute(uploadLimit));
                    model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = uploadLimit });
                });
            }
        });
        services.Configure<MvcOptions>(options => options.ModelBinderProviders.Insert(0, new CheckboxBinderProvider()));
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HelpDesk API";
            document.Info.Description = "Tickets, entitlement and support economics. Authenticate with an API token (made on /account/tokens; each route names the scope it needs) or with POST /api/auth/login, and send the token as a Bearer token. See docs/api.md.";
            return Task.CompletedTask;
        }).AddSecurity());
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActor>();
        services.AddScoped<TicketViews>();
        services.AddScoped<global::HelpDesk.Web.Areas.Manage.Pages.Contracts.ContractRows>();
        services.AddScoped<HelpDesk.Web.Scope.PublishedScopes>();
        services.AddScoped<CoverageChecks>();
        services.AddScoped<HelpDesk.Web.Mail.ReviewBatch>();
        return builder;
    }

    /// <param name="sessionCheckSeconds">
    /// A changed security stamp (role change, password change, sign-out, sessions ended) rejects a sign-in cookie
    /// within this many seconds; bearer and refresh tokens are checked on every use (<see cref="SessionChecks"/>).
    /// </param>
    private static void AddIdentity(IServiceCollection services, int sessionCheckSeconds)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearerScheme;
                options.DefaultChallengeScheme = CookieOrBearerScheme;
            })
            .AddPolicyScheme(CookieOrBearerScheme, "Sign-in cookie, API token or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    ApiTokenAuthenticationHandler.TokenOf(context.Request) is not null ? ApiTokenAuthenticationHandler.SchemeName
                    : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, "API token", null)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        services.AddIdentityCore<HelpDeskUser>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // Wrong passwords never lock an account (HelpDeskSignInManager throttles them instead); a lockout set
                // on an account still holds.
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<HelpDeskRole>()
            .AddDapperStores()
            .AddUserManager<HelpDeskUserManager>()
            .AddDefaultTokenProviders()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers Identity's own sign-in manager.
            .AddSignInManager<HelpDeskSignInManager>();

        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<TimeProvider>((options, clock) => options.BearerTokenProtector = new RememberedBearerTokens(options.BearerTokenProtector, clock));
        services.AddSingleton<SignInAttempts>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromSeconds(sessionCheckSeconds));
        services.AddTransient<AccountMailer>();
        services.AddTransient<IEmailSender<HelpDeskUser>>(provider => provider.GetRequiredService<AccountMailer>());
        services.AddScoped<CustomerRegistration>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<AccountPlacements>();
        services.AddScoped<HelpDesk.Web.Import.OrganisationImport>();
        services.AddScoped<HelpDesk.Web.Import.ContractImport>();
        services.AddScoped<HelpDesk.Web.Import.PersonImport>();
        services.AddScoped<AccountBootstrap>();
        services.AddScoped<ApiTokenIssuer>();
        services.AddScoped<ServiceAccountAdministration>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "helpdesk.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/status/403";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // A signed-in user who opens another role's page gets a plain 403, rendered by the status page.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// Behind a reverse proxy the client's address and scheme come from its forwarded headers, believed only from the
    /// configured proxies: the sign-in limits count real clients, and HTTPS is seen as HTTPS.
    /// </summary>
    private static void AddForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ProxySettingsReader.Read(configuration));
        services.AddOptions<ForwardedHeadersOptions>().Configure<TrustedProxies>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Every hop is unwrapped while it comes from a trusted proxy; the first untrusted one is the client.
            options.ForwardLimit = null;
            foreach (var proxy in trusted.Proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in trusted.Networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });

        // Cookies are Secure whenever the request arrived over HTTPS (at the proxy, as forwarded), and always when
        // the public address is HTTPS.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<PublicSite>((options, site) =>
            options.Cookie.SecurePolicy = SecurePolicy(site));
        services.AddOptions<AntiforgeryOptions>().Configure<PublicSite>((options, site) => options.Cookie.SecurePolicy = SecurePolicy(site));
        services.AddOptions<HttpsRedirectionOptions>().Configure<PublicSite>((options, site) =>
            options.HttpsPort = site.BaseUrl.Scheme == Uri.UriSchemeHttps ? site.BaseUrl.Port : null);
    }

    private static CookieSecurePolicy SecurePolicy(PublicSite site) =>
        site.BaseUrl.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        // The API and the live desk's hub answer a missing sign-in with a status, not a redirect to the sign-in page.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Areas.Portal, policy => policy.RequireRole(Roles.Customer))
            .AddPolicy(Areas.Desk, policy => policy.RequireRole(Roles.Engineer, Roles.Manager))
            .AddPolicy(MailReviewPolicy, policy => policy.RequireRole(Roles.Engineer, Roles.Manager, Roles.Admin))
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(Roles.Engineer, Roles.Manager, Roles.Admin))
            .AddPolicy(Areas.Manage, policy => policy.RequireRole(Roles.Manager))
            .AddPolicy(ImportPolicy, policy => policy.RequireRole(Roles.Manager, Roles.Admin))
            .AddPolicy(Areas.Admin, policy => policy.RequireRole(Roles.Admin));
    }

    private static void AddRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        var permitPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many attempts",
                        Detail = context.HttpContext.Request.Path.StartsWithSegments("/api/inbound")
                            ? "Too many messages from this address. Wait a minute and send the rest again."
                            : "Too many sign-in attempts from this address. Wait a minute and try again.",
                    },
                });
            };

            // Only POSTs count: reading the sign-in form is free, submitting it is what an attacker repeats.
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }

    /// <summary>
    /// The raw-MIME endpoint is called by a mail provider from a few addresses; the limit per address protects intake
    /// from a runaway or hostile sender without slowing an ordinary provider.
    /// </summary>
    private static void AddMailIngressRateLimit(IServiceCollection services, IConfiguration configuration)
    {
        var permitPerMinute = configuration.GetValue("RateLimits:MailIngressPerMinute", 120_000);
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(options =>
            options.AddPolicy(MailHosting.IngressRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
    }

    private static void AddDataProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("HelpDesk").PersistKeysToDatabase();
        services.AddSingleton<HelpDesk.Core.Tickets.IRatingTokens, Tickets.DataProtectionRatingTokens>();
    }

    private static void AddJobs(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHangfire((provider, hangfire) =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseDashboardStylesheet(typeof(HelpDeskServices).Assembly, "HelpDesk.Web.Jobs.Dashboard.dashboard.css")
                .UseDashboardJavaScript(typeof(HelpDeskServices).Assembly, "HelpDesk.Web.Jobs.Dashboard.dashboard.js");
            var database = provider.GetRequiredService<DatabaseOptions>();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                // Explicitly Microsoft.Data.SqlClient, the same client as the stores.
                hangfire.UseSqlServerStorage(() => new Microsoft.Data.SqlClient.SqlConnection(database.ConnectionString));
            }
            else
            {
                hangfire.UseInMemoryStorage();
            }
        });

        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer();
        }

        services.AddSingleton<RecurringJobs>();
    }
}

/// <summary>The four areas of the site; each name is also the authorization policy that guards it.</summary>
public static class Areas
{
    public const string Portal = "Portal";
    public const string Desk = "Desk";
    public const string Manage = "Manage";
    public const string Admin = "Admin";
}
