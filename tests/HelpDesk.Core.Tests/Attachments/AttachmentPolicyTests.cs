using HelpDesk.Core.Attachments;

namespace HelpDesk.Core.Tests.Attachments;

public class AttachmentPolicyTests
{
    private const long Megabyte = 1024 * 1024;

    private static AttachmentPolicy Policy => AttachmentPolicy.Default;

    public static TheoryData<string, string> AcceptedNames => new()
    {
        { "server.log", "server.log" },
        { "Screenshot 2026-11-23.PNG", "Screenshot 2026-11-23.PNG" },
        { "  notes.txt  ", "notes.txt" },
        { "backup.tar.gz", "backup.tar.gz" },
        { "trace.har", "trace.har" },
        { "w3wp.dmp", "w3wp.dmp" },
        { "config.yml", "config.yml" },
        { "Quarterly report.docx", "Quarterly report.docx" },
        { "photo.jpeg", "photo.jpeg" },
        { "notes.txt.", "notes.txt" },
        { "über-résumé.pdf", "über-résumé.pdf" },
        { "Cannot open shared drive.eml", "Cannot open shared drive.eml" },
    };

    [Theory]
    [MemberData(nameof(AcceptedNames))]
    public void Check_AcceptsAllowedTypes_UnderTheCleanedName(string fileName, string stored)
    {
        var check = Policy.Check(fileName, 1234);

        check.IsAccepted.Should().BeTrue(check.Reason);
        check.FileName.Should().Be(stored);
        check.Reason.Should().BeNull();
    }

    public static TheoryData<string, string> RefusedTypes => new()
    {
        { "setup.exe", ".exe" },
        { "fix.bat", ".bat" },
        { "fix.cmd", ".cmd" },
        { "fix.ps1", ".ps1" },
        { "fix.sh", ".sh" },
        { "app.js", ".js" },
        { "page.html", ".html" },
        { "page.htm", ".htm" },
        { "logo.svg", ".svg" },
        { "setup.msi", ".msi" },
        { "lib.dll", ".dll" },
        { "app.jar", ".jar" },
        { "invoice.pdf.exe", ".exe" },
        { "REPORT.EXE", ".exe" },
        { "report.exe. . ", ".exe" },
        { "data.bin", ".bin" },
    };

    [Theory]
    [MemberData(nameof(RefusedTypes))]
    public void Check_RejectsTypesNotOnTheAllowList_NamingTheTypeAndWhatToSendInstead(string fileName, string extension)
    {
        var check = Policy.Check(fileName, 1234);

        check.IsAccepted.Should().BeFalse();
        check.Problem.Should().Be(AttachmentProblem.TypeNotAccepted);
        check.Reason.Should().Contain($"files of type {extension} are not accepted")
            .And.Contain("zip it")
            .And.Contain(".txt")
            .And.Contain(".log");
    }

    [Fact]
    public void Check_ExplainsAnExecutable_InOneSentenceNamingTheFile()
    {
        var check = Policy.Check("report.exe", 1234);

        check.Reason.Should().StartWith("report.exe: files of type .exe are not accepted; zip it, or send one of .txt .log .csv");
        check.FileName.Should().Be("report.exe");
    }

    [Theory]
    [InlineData("Makefile")]
    [InlineData("README.")]
    public void Check_RejectsNamesWithoutAnExtension(string fileName)
    {
        var check = Policy.Check(fileName, 1234);

        check.Problem.Should().Be(AttachmentProblem.TypeNotAccepted);
        check.Reason.Should().Contain("files without an extension are not accepted");
    }

    public static TheoryData<long, bool, string?> Sizes => new()
    {
        { 1, true, null },
        { 25 * Megabyte, true, null },
        { (25 * Megabyte) + 1, false, "dump.log is 25.1 MB; the limit is 25 MB each" },
        { 40 * Megabyte, false, "dump.log is 40 MB; the limit is 25 MB each" },
        { 3L * 1024 * Megabyte, false, "dump.log is 3072 MB; the limit is 25 MB each" },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Check_RejectsFilesOverTheLimit_SayingHowBigTheyAreAndWhatTheLimitIs(long sizeBytes, bool accepted, string? reasonStart)
    {
        var check = Policy.Check("dump.log", sizeBytes);

        check.IsAccepted.Should().Be(accepted);
        if (reasonStart is not null)
        {
            check.Problem.Should().Be(AttachmentProblem.TooLarge);
            check.Reason.Should().StartWith(reasonStart);
        }
    }

    [Fact]
    public void Check_ReportsSizeBeforeType_SoAnOversizedFileIsToldToShrinkFirst()
    {
        var check = Policy.Check("dump.bin", 40 * Megabyte);

        check.Problem.Should().Be(AttachmentProblem.TooLarge);
        check.Reason.Should().StartWith("dump.bin is 40 MB; the limit is 25 MB each.");
    }

    [Fact]
    public void Check_RejectsEmptyFiles()
    {
        var check = Policy.Check("notes.txt", 0);

        check.Problem.Should().Be(AttachmentProblem.Empty);
        check.Reason.Should().StartWith("notes.txt is empty");
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { "", "has no name" },
        { "   ", "has no name" },
        { "../../etc/passwd.txt", "cannot contain / or \\" },
        { "C:\\Users\\ana\\report.txt", "cannot contain / or \\" },
        { "logs/server.log", "cannot contain / or \\" },
        { "report\u0000.txt", "control characters" },
        { "report\r\n.txt", "control characters" },
        { "report\u007F.txt", "control characters" },
        { "invoice\u202Efdp.exe", "control characters" },
        { "notes\u2067.txt", "control characters" },
        { "...", "not a file name" },
        { " . ", "not a file name" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Check_RejectsBlankNamesPathsAndControlCharacters(string fileName, string reasonPart)
    {
        var check = Policy.Check(fileName, 1234);

        check.Problem.Should().Be(AttachmentProblem.BadName);
        check.Reason.Should().Contain(reasonPart);
        check.Reason.Should().NotContainAny("\u0000", "\r", "\n", "\u202E");
    }

    [Fact]
    public void Check_ShortensLongNamesTo255Characters_KeepingTheExtension()
    {
        var check = Policy.Check(new string('a', 300) + ".log", 1234);

        check.IsAccepted.Should().BeTrue();
        check.FileName.Should().HaveLength(AttachmentPolicy.MaxFileNameLength).And.EndWith("aaa.log");
    }

    [Fact]
    public void Check_NeverSplitsASurrogatePair_WhenShortening()
    {
        var name = new string('a', 250) + "\U0001F600\U0001F600" + ".txt";

        var check = Policy.Check(name, 1234);

        check.FileName.Should().Be(new string('a', 250) + ".txt");
    }

    [Fact]
    public void Policy_UsesItsOwnLimitAndList_NormalisingExtensions()
    {
        var policy = new AttachmentPolicy(1024, ["TXT", " .Csv "]);

        policy.AllowedExtensions.Should().Equal(".txt", ".csv");
        policy.Check("a.csv", 1024).IsAccepted.Should().BeTrue();
        policy.Check("a.csv", 1025).Reason.Should().Be("a.csv is 1.1 KB; the limit is 1 KB each. Share a smaller extract.");
        policy.Check("a.log", 10).Reason.Should().Be("a.log: files of type .log are not accepted; send one of .txt .csv instead.");
    }

    public static TheoryData<string, string> ContentTypes => new()
    {
        { "a.txt", "text/plain" },
        { "a.LOG", "text/plain" },
        { "a.csv", "text/csv" },
        { "a.json", "application/json" },
        { "a.har", "application/json" },
        { "a.xml", "application/xml" },
        { "a.yaml", "application/yaml" },
        { "a.yml", "application/yaml" },
        { "a.md", "text/markdown" },
        { "a.pdf", "application/pdf" },
        { "a.png", "image/png" },
        { "a.jpg", "image/jpeg" },
        { "a.JPEG", "image/jpeg" },
        { "a.gif", "image/gif" },
        { "a.webp", "image/webp" },
        { "a.zip", "application/zip" },
        { "a.tar.gz", "application/gzip" },
        { "a.tgz", "application/gzip" },
        { "a.7z", "application/x-7z-compressed" },
        { "a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "a.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "a.dmp", "application/octet-stream" },
        { "Forwarded.EML", "message/rfc822" },
        { "a.svg", "application/octet-stream" },
        { "a.html", "application/octet-stream" },
        { "Makefile", "application/octet-stream" },
        { "", "application/octet-stream" },
    };

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public void ContentTypeFor_MapsTheExtension_FallingBackToOctetStream(string fileName, string expected)
    {
        AttachmentPolicy.ContentTypeFor(fileName).Should().Be(expected);
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/jpeg", true)]
    [InlineData("image/gif", true)]
    [InlineData("image/webp", true)]
    [InlineData("IMAGE/PNG", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("image/bmp", false)]
    [InlineData("image/tiff", false)]
    [InlineData("text/html", false)]
    [InlineData("application/pdf", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("", false)]
    public void IsInlineImage_IsTrueOnlyForRasterImagesABrowserShowsSafely(string contentType, bool expected)
    {
        AttachmentPolicy.IsInlineImage(contentType).Should().Be(expected);
    }

    [Fact]
    public void Default_AcceptsEveryTypeItMapsToAContentType()
    {
        foreach (var extension in Policy.AllowedExtensions)
        {
            Policy.Check("file" + extension, 1).IsAccepted.Should().BeTrue(extension);
        }

        Policy.MaxBytes.Should().Be(25 * Megabyte);
    }
}
