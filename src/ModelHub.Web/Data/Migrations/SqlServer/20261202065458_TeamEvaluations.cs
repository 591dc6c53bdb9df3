using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TargetKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    TargetId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: true),
                    RouteId = table.Column<int>(type: "int", nullable: true),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RunTargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ComparisonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    Verdict = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Tags = table.Column<string>(type: "nvarchar(411)", maxLength: 411, nullable: false),
                    AuthorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RubricId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunTargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: true),
                    ModelSlug = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RouteId = table.Column<int>(type: "int", nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Tags = table.Column<string>(type: "nvarchar(411)", maxLength: 411, nullable: false),
                    ScorerUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LeftTargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RightTargetId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LeftModelId = table.Column<int>(type: "int", nullable: true),
                    LeftModelSlug = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LeftRouteId = table.Column<int>(type: "int", nullable: true),
                    RightModelId = table.Column<int>(type: "int", nullable: true),
                    RightModelSlug = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RightRouteId = table.Column<int>(type: "int", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Tags = table.Column<string>(type: "nvarchar(411)", maxLength: 411, nullable: false),
                    VoterUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    IsArchived = table.Column<bool>(type: "bit", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScoreId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<double>(type: "float", nullable: true),
                    Label = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Passed = table.Column<bool>(type: "bit", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RubricId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Min = table.Column<double>(type: "float", nullable: true),
                    Max = table.Column<double>(type: "float", nullable: true),
                    Labels = table.Column<string>(type: "nvarchar(1212)", maxLength: 1212, nullable: true)
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
