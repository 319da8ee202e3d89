using System.Globalization;
using System.Text;
using CsvHelper;

namespace HelpDesk.Web.Areas.Manage.Pages.Economics;

/// <summary>A column of a dashboard table; a money column is written to CSV twice, in cents and as read.</summary>
public sealed record DashboardColumn(string Title, bool Money = false, bool Number = false);

/// <summary>
/// A cell: the text a person reads, what the CSV holds when that differs (cents for money, a plain number for a
/// share), a link to follow and a hover explanation.
/// </summary>
public sealed record DashboardCell(string Text, string? Csv = null, string? Href = null, string? Explanation = null)
{
    public static implicit operator DashboardCell(string text) => new(text);
}

/// <summary>One row; <see cref="Key"/> identifies it on the page (<c>data-key</c>).</summary>
public sealed record DashboardRow(string Key, IReadOnlyList<DashboardCell> Cells);

/// <summary>
/// A table of the dashboard as both the page and its CSV show it, so every table on the page can be downloaded with
/// the same rows.
/// </summary>
public sealed record DashboardTable(string Id, string Title, IReadOnlyList<DashboardColumn> Columns, IReadOnlyList<DashboardRow> Rows)
{
    /// <summary>The table as CSV (RFC 4180, UTF-8): money columns as cents, then as read in the installation's currency.</summary>
    public byte[] ToCsv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
            {
                if (column.Money)
                {
                    csv.WriteField($"{column.Title} (cents)");
                }

                csv.WriteField(column.Title);
            }

            csv.NextRecord();
            foreach (var row in Rows)
            {
                for (var i = 0; i < Columns.Count; i++)
                {
                    var cell = i < row.Cells.Count ? row.Cells[i] : new DashboardCell("");
                    if (Columns[i].Money)
                    {
                        csv.WriteField(cell.Csv ?? "");
                        csv.WriteField(cell.Text);
                    }
                    else
                    {
                        csv.WriteField(cell.Csv ?? cell.Text);
                    }
                }

                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
