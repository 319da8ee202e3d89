using HelpDesk.Core.Offers;

namespace HelpDesk.Core.Tests.Offers;

public sealed class OfferTermsTests
{
    [Fact]
    public void Fill_ReplacesEachBlank_AndRendersMarkdown()
    {
        var filled = OfferTerms.Fill("# Backport\n\nFrom **{{fromRelease}}** to {{ toRelease }} for {{customer}}.", Values(("fromRelease", "7.0"), ("toRelease", "7.3"), ("customer", "Contoso")));

        filled.Succeeded.Should().BeTrue();
        filled.Value.Should().Be("# Backport\n\nFrom **7\\.0** to 7\\.3 for Contoso.");
        OfferTerms.Render(filled.Value!).Should().Be("<h1>Backport</h1>\n<p>From <strong>7.0</strong> to 7.3 for Contoso.</p>\n");
    }

    [Fact]
    public void Fill_EscapesValues_SoTypedTextCannotAddMarkupOrLinks()
    {
        var filled = OfferTerms.Fill("Platform: {{platform}}", Values(("platform", "<script>alert(1)</script> *bold* [x](javascript:alert(1))\n\n# heading")));

        var html = OfferTerms.Render(filled.Value!);

        html.Should().NotContain("<script>").And.NotContain("<strong>").And.NotContain("<em>").And.NotContain("<a ").And.NotContain("<h1>");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt; *bold* [x](javascript:alert(1)) # heading");
    }

    [Fact]
    public void Render_PassesNoRawHtml_AndDropsScriptLinks_FromTheTermsThemselves()
    {
        var html = OfferTerms.Render("<b>raw</b> [click](javascript:alert(1)) [site](https://example.com)");

        html.Should().Contain("&lt;b&gt;raw&lt;/b&gt;").And.NotContain("javascript:").And.Contain("href=\"https://example.com\"");
    }

    [Fact]
    public void Fill_NamesEveryUnfilledBlank()
    {
        var filled = OfferTerms.Fill("{{fromRelease}} to {{toRelease}} on {{platform}}", Values(("fromRelease", "7.0"), ("toRelease", "  ")));

        filled.Succeeded.Should().BeFalse();
        filled.Errors.Select(e => e.Field).Should().Equal("blanks.toRelease", "blanks.platform");
        filled.Errors[0].Message.Should().Be("Fill in {{toRelease}}: the terms cannot be sent with it empty.");
    }

    [Fact]
    public void Check_RefusesBlanksTheKindCannotFill_AndMalformedBlanks()
    {
        var errors = OfferTerms.Check("{{fromRelease}} {{plan}} {{secret}} {{two words}}", OfferingKind.Service);

        errors.Should().HaveCount(2).And.OnlyContain(e => e.Field == "terms");
        errors[0].Message.Should().StartWith("{{two words}} is not a blank");
        errors[1].Message.Should().StartWith("{{plan}} and {{secret}} are not blanks a service offering can fill");
    }

    [Theory]
    [InlineData(OfferingKind.Service, "fromRelease toRelease release platform environment product thirdParty description size")]
    [InlineData(OfferingKind.Plan, "plan startsOn endsOn contract")]
    [InlineData(OfferingKind.IncidentPack, "incidents contract")]
    public void Known_IsTheKindsBlanks_PlusThoseEveryOfferFills(OfferingKind kind, string own)
    {
        OfferTerms.Known(kind).Should().Equal([.. own.Split(' '), "customer", "ticket", "price", "deliveryDays", "expiresOn"]);
        OfferTerms.Check(string.Join(" ", OfferTerms.Known(kind).Select(b => $"{{{{{b}}}}}")), kind).Should().BeEmpty();
    }

    [Fact]
    public void Check_WantsTerms()
    {
        OfferTerms.Check("  ", OfferingKind.Service).Should().ContainSingle().Which.Message.Should().Be("Write the terms the customer accepts.");
    }

    [Fact]
    public void Blanks_ListsEachNameOnce_InOrder()
    {
        OfferTerms.Blanks("{{b}} {{a}} {{b}} {{ c }} {{not valid}}").Should().Equal("b", "a", "c");
    }

    [Fact]
    public void Sha256_IsTheHexHashOfTheUtf8Html()
    {
        OfferTerms.Sha256("<p>é</p>").Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("<p>é</p>"u8)));
        OfferTerms.Sha256("").Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static Dictionary<string, string?> Values(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
