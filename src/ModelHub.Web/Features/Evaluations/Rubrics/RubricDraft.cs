using System.Text.RegularExpressions;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>One criterion as the new-rubric form holds it, typed text and all, until the service accepts it.</summary>
public sealed class CriterionDraft
{
    public string Name { get; set; } = "";

    public CriterionKind Kind { get; set; } = CriterionKind.Numeric;

    public double? Min { get; set; } = 1;

    public double? Max { get; set; } = 5;

    /// <summary>A categorical criterion's labels, comma-separated as typed.</summary>
    public string Labels { get; set; } = "";

    public CriterionInput ToInput() => new(Name, Kind.ToString(),
        Kind == CriterionKind.Numeric ? Min : null,
        Kind == CriterionKind.Numeric ? Max : null,
        Kind == CriterionKind.Categorical ? Labels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null);
}

/// <summary>
/// The new-rubric form: a name, a description and one or more criteria. It is only cleared once the rubric is
/// created, so a refusal leaves everything typed in place to correct.
/// </summary>
public sealed partial class RubricDraft
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<CriterionDraft> Criteria { get; } = [new()];

    public bool CanAdd => Criteria.Count < EvaluationLimits.MaxCriteria;

    public void Add() => Criteria.Add(new CriterionDraft { Name = "" });

    public void Remove(CriterionDraft criterion)
    {
        if (Criteria.Count > 1)
        {
            Criteria.Remove(criterion);
        }
    }

    public RubricInput ToInput() => new(Name, Description, Criteria.Select(c => c.ToInput()).ToList());

    /// <summary>
    /// The service names fields as the API does ("criteria[1].labels: …"); on the form that reads as the row a person sees ("Criterion 2, labels: …").
    /// </summary>
    public static string Explain(string message)
    {
        var criterion = CriterionField().Match(message);
        if (criterion.Success)
        {
            var row = int.Parse(criterion.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
            var part = criterion.Groups["part"].Success ? $", {criterion.Groups["part"].Value}" : "";
            return $"Criterion {row}{part}: {message[criterion.Length..]}";
        }

        return TopField().Match(message) is { Success: true } top
            ? $"{char.ToUpperInvariant(top.Groups["field"].Value[0])}{top.Groups["field"].Value[1..]}: {message[top.Length..]}"
            : message;
    }

    [GeneratedRegex(@"^criteria\[(?<index>\d+)\](\.(?<part>\w+))?: ")]
    private static partial Regex CriterionField();

    [GeneratedRegex(@"^(?<field>name|description|criteria): ")]
    private static partial Regex TopField();
}
