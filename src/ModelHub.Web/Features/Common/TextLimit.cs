namespace ModelHub.Web.Features.Common;

/// <summary>Checks a free-text field against its documented maximum, naming the field as the API spells it.</summary>
public static class TextLimit
{
    public static void Check(string? value, int maxLength, string field)
    {
        if (value is { Length: var length } && length > maxLength)
        {
            throw new InvalidInputException($"{field}: at most {maxLength:N0} characters; this has {length:N0}.");
        }
    }
}
