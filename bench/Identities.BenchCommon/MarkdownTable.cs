using System.Globalization;
using System.Text;

namespace Identities.BenchCommon;

/// <summary>A markdown table, padded so it also reads as plain text.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _rightAligned = [.. headers.Select((_, i) => i > 0)];

    /// <summary>Left-aligns a column (all but the first are right-aligned, for numbers).</summary>
    public MarkdownTable AlignLeft(params int[] columns)
    {
        foreach (var column in columns)
        {
            _rightAligned[column] = false;
        }
        return this;
    }

    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.");
        }
        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(3, _rows.Select(r => r[i].Length).Append(h.Length).Max())).ToArray();
        writer.WriteLine(Line(headers, widths));
        var separator = new StringBuilder("|");
        for (var i = 0; i < widths.Length; i++)
        {
            separator.Append(' ').Append(_rightAligned[i] ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i])).Append(" |");
        }
        writer.WriteLine(separator.ToString());
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths));
        }
        writer.WriteLine();
        writer.Flush();
    }

    private string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder("|");
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(' ').Append(_rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i])).Append(" |");
        }
        return line.ToString();
    }

    /// <summary>Milliseconds with a precision that suits their size.</summary>
    public static string Ms(double value) => value switch
    {
        double.NaN => "-",
        < 1 => value.ToString("F3", CultureInfo.InvariantCulture),
        < 10 => value.ToString("F2", CultureInfo.InvariantCulture),
        < 100 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F0", CultureInfo.InvariantCulture),
    };

    public static string Number(double value, int decimals = 1) =>
        double.IsNaN(value) ? "-" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as e.g. "0.993 (497/500)".</summary>
    public static string Ratio(int hits, int total) =>
        total == 0 ? "-" : $"{((double)hits / total).ToString("F3", CultureInfo.InvariantCulture)} ({hits}/{total})";

    public static string Percent(double? share) =>
        share is null ? "?" : (share.Value * 100).ToString("F0", CultureInfo.InvariantCulture) + " %";

    public static string Bytes(double bytes) => bytes switch
    {
        double.NaN => "-",
        < 10_000 => bytes.ToString("F0", CultureInfo.InvariantCulture) + " B",
        < 10_000_000 => (bytes / 1024).ToString("F0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / 1024 / 1024).ToString("F0", CultureInfo.InvariantCulture) + " MiB",
    };
}
