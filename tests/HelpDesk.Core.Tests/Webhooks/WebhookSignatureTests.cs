using HelpDesk.Core.Webhooks;

namespace HelpDesk.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The same as: printf '1700000000.{"id":"1","type":"ping"}' | openssl dgst -sha256 -hmac "s3cret"
    private const string Vector = "sha256=278a7976eb0a8a5f531889342492708293336092c7f39da40b202c8cf3a749a7";

    [Fact]
    public void Compute_IsTheHexHmacOfTimestampDotBody_AsOpensslComputesIt()
    {
        WebhookSignature.Compute("s3cret", 1700000000, """{"id":"1","type":"ping"}""").Should().Be(Vector);
    }

    [Fact]
    public void Verify_RefusesAChangedBodyTimestampOrSecret()
    {
        const string body = """{"id":"1","type":"ping"}""";
        WebhookSignature.Verify("s3cret", 1700000000, body, Vector).Should().BeTrue();
        WebhookSignature.Verify("s3cret", 1700000001, body, Vector).Should().BeFalse();
        WebhookSignature.Verify("s3cret", 1700000000, body + " ", Vector).Should().BeFalse();
        WebhookSignature.Verify("other", 1700000000, body, Vector).Should().BeFalse();
    }

    [Fact]
    public void NewSecret_IsLongRandomAndDifferentEachTime()
    {
        var one = WebhookSignature.NewSecret();
        one.Should().StartWith("whsec_").And.HaveLength("whsec_".Length + 43);
        WebhookSignature.NewSecret().Should().NotBe(one);
    }
}
