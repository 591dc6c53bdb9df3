using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Comparisons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Comparisons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    RequestsPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    InputTokensPerRequest = table.Column<int>(type: "INTEGER", nullable: false),
                    OutputTokensPerRequest = table.Column<int>(type: "INTEGER", nullable: false),
                    CachedInputShare = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysPerMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comparisons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comparisons_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ComparisonModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComparisonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComparisonModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComparisonModels_Comparisons_ComparisonId",
                        column: x => x.ComparisonId,
                        principalTable: "Comparisons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ComparisonRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComparisonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComparisonRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComparisonRevisions_Comparisons_ComparisonId",
                        column: x => x.ComparisonId,
                        principalTable: "Comparisons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ComparisonRouteSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComparisonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    InputPricePerMillion = table.Column<long>(type: "INTEGER", nullable: true),
                    OutputPricePerMillion = table.Column<long>(type: "INTEGER", nullable: true),
                    CachedInputPricePerMillion = table.Column<long>(type: "INTEGER", nullable: true),
                    ContextWindow = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComparisonRouteSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComparisonRouteSnapshots_Comparisons_ComparisonId",
                        column: x => x.ComparisonId,
                        principalTable: "Comparisons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonModels_ComparisonId_ModelId",
                table: "ComparisonModels",
                columns: new[] { "ComparisonId", "ModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonModels_ModelId",
                table: "ComparisonModels",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonRevisions_ComparisonId_AtUtc",
                table: "ComparisonRevisions",
                columns: new[] { "ComparisonId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ComparisonRouteSnapshots_ComparisonId_RouteId",
                table: "ComparisonRouteSnapshots",
                columns: new[] { "ComparisonId", "RouteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Comparisons_TeamId_UpdatedAtUtc",
                table: "Comparisons",
                columns: new[] { "TeamId", "UpdatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComparisonModels");

            migrationBuilder.DropTable(
                name: "ComparisonRevisions");

            migrationBuilder.DropTable(
                name: "ComparisonRouteSnapshots");

            migrationBuilder.DropTable(
                name: "Comparisons");
        }
    }
}
