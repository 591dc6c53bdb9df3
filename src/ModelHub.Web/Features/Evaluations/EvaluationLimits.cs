namespace ModelHub.Web.Features.Evaluations;

/// <summary>The documented maximums of evaluation fields (README, Security · Size limits), checked in the services.</summary>
public static class EvaluationLimits
{
    public const int MaxNoteLength = 20_000;
    public const int MaxCommentLength = 4_000;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1_000;
    public const int MaxTags = 10;
    public const int MaxTagLength = 40;
    public const int MaxTagsColumnLength = (MaxTagLength + 1) * MaxTags + 1;
    public const int MaxCriteria = 12;
    public const int MaxLabels = 12;
    public const int MaxLabelsColumnLength = (MaxNameLength + 1) * MaxLabels;
    public const int MaxExportRows = 100_000;
}
