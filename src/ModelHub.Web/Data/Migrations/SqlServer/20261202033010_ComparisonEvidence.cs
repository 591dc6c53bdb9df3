using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ComparisonEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChosenModelId",
                table: "Comparisons",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChosenModelName",
                table: "Comparisons",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAtUtc",
                table: "Comparisons",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByEmail",
                table: "Comparisons",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionRationale",
                table: "Comparisons",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequirementsJson",
                table: "Comparisons",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WeightsJson",
                table: "Comparisons",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComparisonRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ComparisonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LinkedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    LinkedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComparisonRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComparisonRuns_Comparisons_ComparisonId",
                        column: x => x.ComparisonId,
                        principalTable: "Comparisons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ComparisonsSeen",
                columns: table => new
                {
                    ComparisonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SeenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComparisonsSeen", x => new { x.ComparisonId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ComparisonsSeen_Comparisons_ComparisonId",
                        column: x => x.ComparisonId,
                        principalTable: "Comparisons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonRuns_ComparisonId_RunId",
                table: "ComparisonRuns",
                columns: new[] { "ComparisonId", "RunId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonRuns_RunId",
                table: "ComparisonRuns",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonsSeen_UserId",
                table: "ComparisonsSeen",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComparisonRuns");

            migrationBuilder.DropTable(
                name: "ComparisonsSeen");

            migrationBuilder.DropColumn(
                name: "ChosenModelId",
                table: "Comparisons");

            migrationBuilder.DropColumn(
                name: "ChosenModelName",
                table: "Comparisons");

            migrationBuilder.DropColumn(
                name: "DecidedAtUtc",
                table: "Comparisons");

            migrationBuilder.DropColumn(
                name: "DecidedByEmail",
                table: "Comparisons");

            migrationBuilder.DropColumn(
                name: "DecisionRationale",
                table: "Comparisons");

            migrationBuilder.DropColumn(
                name: "RequirementsJson",
                table: "Comparisons");

            migrationBuilder.DropColumn(
                name: "WeightsJson",
                table: "Comparisons");
        }
    }
}
