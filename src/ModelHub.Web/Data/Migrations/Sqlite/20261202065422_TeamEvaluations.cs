using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    RouteId = table.Column<int>(type: "INTEGER", nullable: true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RunTargetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ComparisonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 411, nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationNotes_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RubricId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunTargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModelSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RouteId = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 411, nullable: false),
                    ScorerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationScores_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationVotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeftTargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RightTargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeftModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    LeftModelSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeftRouteId = table.Column<int>(type: "INTEGER", nullable: true),
                    RightModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    RightModelSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RightRouteId = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 411, nullable: false),
                    VoterUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationVotes_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Rubrics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rubrics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rubrics_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationScoreValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScoreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CriterionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<double>(type: "REAL", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationScoreValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationScoreValues_EvaluationScores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "EvaluationScores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RubricCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RubricId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Min = table.Column<double>(type: "REAL", nullable: true),
                    Max = table.Column<double>(type: "REAL", nullable: true),
                    Labels = table.Column<string>(type: "TEXT", maxLength: 1212, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RubricCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RubricCriteria_Rubrics_RubricId",
                        column: x => x.RubricId,
                        principalTable: "Rubrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationNotes_TeamId_ComparisonId",
                table: "EvaluationNotes",
                columns: new[] { "TeamId", "ComparisonId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationNotes_TeamId_CreatedAtUtc",
                table: "EvaluationNotes",
                columns: new[] { "TeamId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationNotes_TeamId_ModelId",
                table: "EvaluationNotes",
                columns: new[] { "TeamId", "ModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationNotes_TeamId_RouteId",
                table: "EvaluationNotes",
                columns: new[] { "TeamId", "RouteId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationNotes_TeamId_RunId",
                table: "EvaluationNotes",
                columns: new[] { "TeamId", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScores_RunTargetId_RubricId_ScorerUserId",
                table: "EvaluationScores",
                columns: new[] { "RunTargetId", "RubricId", "ScorerUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScores_TeamId_CreatedAtUtc",
                table: "EvaluationScores",
                columns: new[] { "TeamId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScores_TeamId_ModelId",
                table: "EvaluationScores",
                columns: new[] { "TeamId", "ModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScoreValues_ScoreId_CriterionId",
                table: "EvaluationScoreValues",
                columns: new[] { "ScoreId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationVotes_RunId",
                table: "EvaluationVotes",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationVotes_TeamId_CreatedAtUtc",
                table: "EvaluationVotes",
                columns: new[] { "TeamId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RubricCriteria_RubricId_Position",
                table: "RubricCriteria",
                columns: new[] { "RubricId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Rubrics_TeamId_Name",
                table: "Rubrics",
                columns: new[] { "TeamId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationNotes");

            migrationBuilder.DropTable(
                name: "EvaluationScoreValues");

            migrationBuilder.DropTable(
                name: "EvaluationVotes");

            migrationBuilder.DropTable(
                name: "RubricCriteria");

            migrationBuilder.DropTable(
                name: "EvaluationScores");

            migrationBuilder.DropTable(
                name: "Rubrics");
        }
    }
}
