using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Playground : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MonthlySpendCapUsd",
                table: "Teams",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlaygroundRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SystemPrompt = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    MessagesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ParametersJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlaygroundRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlaygroundRuns_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProviderConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ApiStyle = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    BaseUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ApiKey = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ApiKeyHint = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    ExtraHeadersJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CatalogProviderId = table.Column<int>(type: "int", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastTestedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastTestResult = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    LastTestSucceeded = table.Column<bool>(type: "bit", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProviderConnections_Providers_CatalogProviderId",
                        column: x => x.CatalogProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ProviderConnections_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedPrompts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SystemPrompt = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserPrompt = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedPrompts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedPrompts_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConnectionName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ApiStyle = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RouteId = table.Column<int>(type: "int", nullable: true),
                    ModelSlug = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ProviderModelId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    InputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    OutputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Output = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Reasoning = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FinishReason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ErrorKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ErrorMessage = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ErrorDetail = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ProviderStatusCode = table.Column<int>(type: "int", nullable: true),
                    TimeToFirstTokenMs = table.Column<double>(type: "float", nullable: true),
                    TotalMs = table.Column<double>(type: "float", nullable: true),
                    InputTokens = table.Column<int>(type: "int", nullable: true),
                    OutputTokens = table.Column<int>(type: "int", nullable: true),
                    UsageEstimated = table.Column<bool>(type: "bit", nullable: false),
                    CostUsd = table.Column<long>(type: "bigint", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunTargets_PlaygroundRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "PlaygroundRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunTargets_ProviderConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "ProviderConnections",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundRuns_Status",
                table: "PlaygroundRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundRuns_TeamId_CreatedAtUtc",
                table: "PlaygroundRuns",
                columns: new[] { "TeamId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ProviderConnections_CatalogProviderId",
                table: "ProviderConnections",
                column: "CatalogProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_ProviderConnections_TeamId_Name",
                table: "ProviderConnections",
                columns: new[] { "TeamId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunTargets_ConnectionId",
                table: "RunTargets",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_RunTargets_RunId_Position",
                table: "RunTargets",
                columns: new[] { "RunId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunTargets_Status",
                table: "RunTargets",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SavedPrompts_TeamId_Name",
                table: "SavedPrompts",
                columns: new[] { "TeamId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunTargets");

            migrationBuilder.DropTable(
                name: "SavedPrompts");

            migrationBuilder.DropTable(
                name: "PlaygroundRuns");

            migrationBuilder.DropTable(
                name: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "MonthlySpendCapUsd",
                table: "Teams");
        }
    }
}
