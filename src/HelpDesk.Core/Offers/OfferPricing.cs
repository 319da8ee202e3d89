using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using static HelpDesk.Core.Scope.EntitlementWording;

namespace HelpDesk.Core.Offers;

/// <summary>A price in cents with the arithmetic that gave it, in words.</summary>
public sealed record PriceQuote(long Cents, string Explanation);

/// <summary>
/// What an offer costs. A service costs its fixed price or the price of the size chosen; an incident pack its fixed
/// price; a plan its yearly list price pro rata for the days of the quoted term (× days ÷ 365, rounded to the cent,
/// half away from zero); an upgrade the difference between the new and the current plan's list prices for the days
/// left of the current term.
/// </summary>
public static class OfferPricing
{
    public const int DaysPerYear = 365;

    public static Result<PriceQuote> Quote(OfferingVersion version, OfferSize? size, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.PricingKind == PricingKind.Fixed)
        {
            return version.PriceCents is long price and > 0
                ? Result<PriceQuote>.Ok(new(price, $"Fixed price {Money.Format(price, currency)}."))
                : Result<PriceQuote>.Invalid("price", $"{version.Name} has no price.");
        }

        if (size is not OfferSize chosen)
        {
            return Result<PriceQuote>.Invalid("size", $"Choose the size of the work: {Sizes(version, currency)}.");
        }

        var tier = version.Sizes.First(s => s.Size == chosen);
        return tier.Cents is long cents and > 0
            ? Result<PriceQuote>.Ok(new(cents, $"{SizeName(chosen)} ({tier.Definition}): {Money.Format(cents, currency)}."))
            : Result<PriceQuote>.Invalid("size", $"{version.Name} has no price for {SizeName(chosen).ToLowerInvariant()} work.");
    }

    /// <summary>The plan's list price for the days from <paramref name="startsOn"/> to <paramref name="endsOn"/>, both included.</summary>
    public static PriceQuote ProRata(Plan plan, DateOnly startsOn, DateOnly endsOn, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var days = Days(startsOn, endsOn);
        var cents = ProRataCents(plan.ListPriceCents, days);
        return new(cents, string.Create(
            CultureInfo.InvariantCulture,
            $"{plan.Name} list price {Money.Format(plan.ListPriceCents, currency)} a year × {days} days ({Date(startsOn)} to {Date(endsOn)}) ÷ {DaysPerYear} = {Money.Format(cents, currency)}."));
    }

    /// <summary>
    /// Moving <paramref name="current"/> from its plan to <paramref name="newPlan"/> from <paramref name="today"/> to the
    /// end of its term: the difference of the yearly list prices pro rata for those days. Refused when the new plan
    /// costs no more, or the term has ended.
    /// </summary>
    public static Result<PriceQuote> Upgrade(Plan newPlan, Plan currentPlan, Contract current, DateOnly today, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(newPlan);
        ArgumentNullException.ThrowIfNull(currentPlan);
        ArgumentNullException.ThrowIfNull(current);
        var difference = newPlan.ListPriceCents - currentPlan.ListPriceCents;
        if (difference <= 0)
        {
            return Result<PriceQuote>.Invalid("planId", $"The {newPlan.Name} plan ({Money.Format(newPlan.ListPriceCents, currency)} a year) costs no more than {currentPlan.Name} ({Money.Format(currentPlan.ListPriceCents, currency)}), so moving {current.Number} to it is not an upgrade to sell.");
        }

        if (today > current.EndsOn)
        {
            return Result<PriceQuote>.Invalid("contractId", $"{current.Number} ended on {Date(current.EndsOn)}; renew it rather than upgrade it.");
        }

        var from = today < current.StartsOn ? current.StartsOn : today;
        var days = Days(from, current.EndsOn);
        var cents = ProRataCents(difference, days);
        return Result<PriceQuote>.Ok(new(cents, string.Create(
            CultureInfo.InvariantCulture,
            $"({newPlan.Name} {Money.Format(newPlan.ListPriceCents, currency)} − {currentPlan.Name} {Money.Format(currentPlan.ListPriceCents, currency)} a year) × {days} days left of {current.Number} ({Date(from)} to {Date(current.EndsOn)}) ÷ {DaysPerYear} = {Money.Format(cents, currency)}.")));
    }

    /// <summary>A yearly amount for <paramref name="days"/> days: × days ÷ 365, rounded to the cent, half away from zero.</summary>
    public static long ProRataCents(long yearlyCents, int days) =>
        (long)Math.Round(yearlyCents * (decimal)days / DaysPerYear, MidpointRounding.AwayFromZero);

    /// <summary>The days from one date to another, both included.</summary>
    public static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;

    public static string SizeName(OfferSize size) => size.ToString();

    private static string Sizes(OfferingVersion version, Currency currency) =>
        string.Join("; ", version.Sizes.Where(s => s.Cents is > 0).Select(s => $"{SizeName(s.Size).ToLowerInvariant()} ({s.Definition}) {Money.Format(s.Cents!.Value, currency)}"));
}
