using HelpDesk.Web.Hosting;

var builder = WebApplication.CreateBuilder(HelpDeskStartup.HostArguments(args));
builder.AddHelpDesk();

var app = builder.Build();
return await app.RunHelpDeskAsync(args);

/// <summary>The entry point, public so that the HTTP tests can host it.</summary>
public partial class Program;
