namespace HelpDesk.Data.Seeding;

/// <summary>Generated data picks values as often as they occur in a real help desk: each item with its weight.</summary>
public static class WeightedChoice
{
    public static T Pick<T>(this Random random, T[] items, int[] weights)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(weights);
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }
}
