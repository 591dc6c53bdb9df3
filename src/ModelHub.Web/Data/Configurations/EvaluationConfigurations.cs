using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Data.Configurations;

// Notes, scores and votes point at runs, routes and models without foreign keys: SQL Server refuses a
// second cascade path from the team, and a note must outlive a route an editor deletes.

internal sealed class EvaluationNoteConfiguration : IEntityTypeConfiguration<EvaluationNote>
{
    public void Configure(EntityTypeBuilder<EvaluationNote> builder)
    {
        builder.ToTable("EvaluationNotes");
        builder.HasOne<Team>().WithMany().HasForeignKey(n => n.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.TeamId, n.CreatedAtUtc });
        builder.HasIndex(n => new { n.TeamId, n.ModelId });
        builder.HasIndex(n => new { n.TeamId, n.RouteId });
        builder.HasIndex(n => new { n.TeamId, n.RunId });
        builder.HasIndex(n => new { n.TeamId, n.ComparisonId });
        builder.Property(n => n.TargetKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.TargetId).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(EvaluationLimits.MaxNoteLength);
        builder.Property(n => n.Verdict).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Tags).HasMaxLength(EvaluationLimits.MaxTagsColumnLength);
        builder.Property(n => n.AuthorUserId).HasMaxLength(450);
        builder.Property(n => n.Version).IsConcurrencyToken();
    }
}

internal sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> builder)
    {
        builder.ToTable("Rubrics");
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TeamId, r.Name });
        builder.Property(r => r.Name).HasMaxLength(EvaluationLimits.MaxNameLength);
        builder.Property(r => r.Description).HasMaxLength(EvaluationLimits.MaxDescriptionLength);
        builder.Property(r => r.CreatedByUserId).HasMaxLength(450);
        builder.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RubricId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RubricCriterionConfiguration : IEntityTypeConfiguration<RubricCriterion>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> builder)
    {
        builder.ToTable("RubricCriteria");
        builder.HasIndex(c => new { c.RubricId, c.Position });
        builder.Property(c => c.Name).HasMaxLength(EvaluationLimits.MaxNameLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Labels).HasMaxLength(EvaluationLimits.MaxLabelsColumnLength);
        builder.Ignore(c => c.LabelList);
    }
}

internal sealed class EvaluationScoreConfiguration : IEntityTypeConfiguration<EvaluationScore>
{
    public void Configure(EntityTypeBuilder<EvaluationScore> builder)
    {
        builder.ToTable("EvaluationScores");
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.RunTargetId, s.RubricId, s.ScorerUserId }).IsUnique();
        builder.HasIndex(s => new { s.TeamId, s.CreatedAtUtc });
        builder.HasIndex(s => new { s.TeamId, s.ModelId });
        builder.Property(s => s.ModelSlug).HasMaxLength(200);
        builder.Property(s => s.Comment).HasMaxLength(EvaluationLimits.MaxCommentLength);
        builder.Property(s => s.Tags).HasMaxLength(EvaluationLimits.MaxTagsColumnLength);
        builder.Property(s => s.ScorerUserId).HasMaxLength(450);
        builder.HasMany(s => s.Values).WithOne().HasForeignKey(v => v.ScoreId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationScoreValueConfiguration : IEntityTypeConfiguration<EvaluationScoreValue>
{
    public void Configure(EntityTypeBuilder<EvaluationScoreValue> builder)
    {
        builder.ToTable("EvaluationScoreValues");
        builder.HasIndex(v => new { v.ScoreId, v.CriterionId }).IsUnique();
        builder.Property(v => v.Label).HasMaxLength(EvaluationLimits.MaxNameLength);
    }
}

internal sealed class EvaluationVoteConfiguration : IEntityTypeConfiguration<EvaluationVote>
{
    public void Configure(EntityTypeBuilder<EvaluationVote> builder)
    {
        builder.ToTable("EvaluationVotes");
        builder.HasOne<Team>().WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.TeamId, v.CreatedAtUtc });
        builder.HasIndex(v => v.RunId);
        builder.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.LeftModelSlug).HasMaxLength(200);
        builder.Property(v => v.RightModelSlug).HasMaxLength(200);
        builder.Property(v => v.Tags).HasMaxLength(EvaluationLimits.MaxTagsColumnLength);
        builder.Property(v => v.VoterUserId).HasMaxLength(450);
    }
}
