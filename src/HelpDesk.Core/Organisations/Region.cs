namespace HelpDesk.Core.Organisations;

/// <summary>The geography an organisation is reported under. Stored as its name.</summary>
public enum Region
{
    Emea,
    Americas,
    Apac,
}
