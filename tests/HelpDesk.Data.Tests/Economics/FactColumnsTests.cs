using HelpDesk.Core.Economics;
using HelpDesk.Data.Economics;

namespace HelpDesk.Data.Tests.Economics;

public sealed class FactColumnsTests
{
    [Fact]
    public void Measures_NameEveryWholeNumberOfMeasures_InDeclarationOrder()
    {
        var declared = typeof(Measures).GetProperties().Where(p => p.PropertyType == typeof(long)).Select(p => p.Name);

        FactColumns.Measures.Should().Equal(declared, "the fact tables have a column for every measure, written in this order");
    }
}
