using System.Globalization;
using System.Text.Json;

namespace ModelHub.Web.Features.Evaluations.Scoring;

/// <summary>
/// What a reviewer has entered in the score form: the rubric chosen, a value per criterion (a number, a label
/// or yes/no; a criterion left alone is not sent) and a comment. No service calls: the form feeds it rubrics and
/// the reviewer's earlier score, and turns it into the <see cref="ScoreInput"/> the API takes.
/// </summary>
public sealed class ScoreDraft
{
    private readonly Dictionary<Guid, object> values = [];

    public IReadOnlyList<RubricView> Rubrics { get; private set; } = [];

    public RubricView? Rubric { get; private set; }

    public string? Comment { get; set; }

    /// <summary>True when at least one criterion has a value: a score needs one.</summary>
    public bool HasValue => values.Count > 0;

    /// <summary>Offers <paramref name="rubrics"/> and picks the default one (or the first).</summary>
    public void Offer(IReadOnlyList<RubricView> rubrics, IReadOnlyList<ScoreView> mine)
    {
        Rubrics = rubrics;
        Choose(rubrics.FirstOrDefault(r => r.IsDefault) ?? rubrics.FirstOrDefault(), mine);
    }

    /// <summary>
    /// Switches to <paramref name="rubric"/>. The reviewer's earlier score with it, if any, fills the fields, so
    /// saving again changes that score; otherwise the fields start empty.
    /// </summary>
    public void Choose(RubricView? rubric, IReadOnlyList<ScoreView> mine)
    {
        Rubric = rubric;
        values.Clear();
        Comment = null;
        if (rubric is null || mine.FirstOrDefault(s => s.RubricId == rubric.Id) is not { } earlier)
        {
            return;
        }

        foreach (var value in earlier.Values)
        {
            if (value.Number is { } number)
            {
                values[value.CriterionId] = number;
            }
            else if (value.Label is { } label)
            {
                values[value.CriterionId] = label;
            }
            else if (value.Passed is { } passed)
            {
                values[value.CriterionId] = passed;
            }
        }

        Comment = earlier.Comment;
    }

    public double? Number(Guid criterionId) => values.GetValueOrDefault(criterionId) as double?;

    public string? Label(Guid criterionId) => values.GetValueOrDefault(criterionId) as string;

    public bool? Passed(Guid criterionId) => values.GetValueOrDefault(criterionId) as bool?;

    public void SetNumber(Guid criterionId, double? number) => Set(criterionId, number);

    public void SetLabel(Guid criterionId, string? label) => Set(criterionId, string.IsNullOrEmpty(label) ? null : label);

    public void SetPassed(Guid criterionId, bool? passed) => Set(criterionId, passed);

    /// <summary>The score to submit for one run answer: <c>values</c> keyed by criterion id.</summary>
    public ScoreInput ToInput(Guid runTargetId) => new(
        runTargetId,
        Rubric?.Id,
        null,
        values.ToDictionary(v => v.Key.ToString(), v => JsonSerializer.SerializeToElement(v.Value, v.Value.GetType())),
        string.IsNullOrWhiteSpace(Comment) ? null : Comment);

    /// <summary>Whether a numeric criterion is a short whole-number scale (1–5, 0–10), offered as one choice per step.</summary>
    public static bool IsSmallScale(CriterionView criterion) =>
        criterion is { Min: { } min, Max: { } max } && min == Math.Floor(min) && max == Math.Floor(max) && max - min is >= 1 and <= 10;

    /// <summary>The steps of a small scale: 1, 2, 3, 4, 5.</summary>
    public static IEnumerable<double> Steps(CriterionView criterion) =>
        IsSmallScale(criterion) ? Enumerable.Range(0, (int)(criterion.Max!.Value - criterion.Min!.Value) + 1).Select(i => criterion.Min!.Value + i) : [];

    /// <summary>"1–5", or the labels for a categorical criterion.</summary>
    public static string Range(CriterionView criterion) => criterion.Kind switch
    {
        "Numeric" => $"{Format(criterion.Min)}–{Format(criterion.Max)}",
        "Categorical" => string.Join(", ", criterion.Labels),
        _ => "yes or no",
    };

    /// <summary>One value as a list shows it: "4 / 5", "good", "yes".</summary>
    public static string Describe(ScoreValueView value, RubricView? rubric = null)
    {
        if (value.Number is { } number)
        {
            var max = rubric?.Criteria.FirstOrDefault(c => c.Id == value.CriterionId)?.Max;
            return max is null ? Format(number) : $"{Format(number)} / {Format(max)}";
        }

        return value.Label ?? (value.Passed is { } passed ? (passed ? "yes" : "no") : "–");
    }

    public static string Format(double? number) => number?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";

    private void Set(Guid criterionId, object? value)
    {
        if (value is null)
        {
            values.Remove(criterionId);
        }
        else
        {
            values[criterionId] = value;
        }
    }
}
