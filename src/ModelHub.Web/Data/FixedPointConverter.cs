using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModelHub.Web.Data;

/// <summary>
/// Stores a decimal as a whole number of millionths. SQLite has no decimal type and cannot compare
/// or sort decimals in SQL; an integer column can, exactly, on both providers, so prices and scores
/// filter and sort in the database.
/// </summary>
internal sealed class FixedPointConverter() : ValueConverter<decimal, long>(
    value => (long)decimal.Round(value * Scale, MidpointRounding.AwayFromZero),
    stored => stored / Scale)
{
    private const decimal Scale = 1_000_000m;
}
