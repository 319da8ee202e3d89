using System.Net;
using HelpDesk.Core.Webhooks;

namespace HelpDesk.Core.Tests.Webhooks;

public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void IsPublic_IsFalse_ForPrivateLoopbackAndLocalAddresses(string address)
    {
        WebhookAddresses.IsPublic(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_IsTrue_ForPublicAddresses(string address)
    {
        WebhookAddresses.IsPublic(IPAddress.Parse(address)).Should().BeTrue();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://[fd00::5]/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("example.com/hook")]
    [InlineData("https://user:pw@example.com/hook")]
    [InlineData("")]
    public void CheckUrl_RefusesLocalAddressesAndOtherSchemes(string url)
    {
        WebhookAddresses.CheckUrl(url, allowPrivate: false).Should().NotBeNull();
    }

    [Fact]
    public void CheckUrl_AllowsPublicUrls_AndLocalOnesOnlyWhenTheSettingSaysSo()
    {
        WebhookAddresses.CheckUrl("https://hooks.example.com/helpdesk", allowPrivate: false).Should().BeNull();
        WebhookAddresses.CheckUrl("http://127.0.0.1:5000/hook", allowPrivate: true).Should().BeNull();
        WebhookAddresses.CheckUrl("ftp://127.0.0.1/hook", allowPrivate: true).Should().NotBeNull();
    }
}
