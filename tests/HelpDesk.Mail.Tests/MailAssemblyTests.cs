namespace HelpDesk.Mail.Tests;

public sealed class MailAssemblyTests
{
    [Fact]
    public void The_mail_adapter_depends_only_on_core() =>
        typeof(MailAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(["HelpDesk.Data", "HelpDesk.Web"]);
}
