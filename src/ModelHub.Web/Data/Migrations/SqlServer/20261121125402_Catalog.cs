using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CatalogSeedVersion",
                table: "InstanceSettings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CatalogSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogSources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Slug = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Lab = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Family = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ReleaseDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ParametersBillions = table.Column<long>(type: "bigint", nullable: true),
                    ActiveParametersBillions = table.Column<long>(type: "bigint", nullable: true),
                    Architecture = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ContextWindow = table.Column<int>(type: "int", nullable: true),
                    MaxOutputTokens = table.Column<int>(type: "int", nullable: true),
                    KnowledgeCutoff = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    License = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    OpenWeights = table.Column<bool>(type: "bit", nullable: true),
                    InputModalities = table.Column<int>(type: "int", nullable: false),
                    OutputModalities = table.Column<int>(type: "int", nullable: false),
                    Capabilities = table.Column<int>(type: "int", nullable: false),
                    Languages = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    HuggingFaceId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Models_CatalogSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CatalogSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Providers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Slug = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ApiStyle = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    BaseUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DocsUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ApiKeyVariable = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SourceId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Providers_CatalogSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CatalogSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    Benchmark = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Variant = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Score = table.Column<long>(type: "bigint", nullable: false),
                    ScaleMax = table.Column<long>(type: "bigint", nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenchmarkScores_CatalogSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CatalogSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BenchmarkScores_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FactClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    Field = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FactClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FactClaims_CatalogSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CatalogSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FactClaims_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Routes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ProviderId = table.Column<int>(type: "int", nullable: false),
                    ProviderModelId = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    InputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    OutputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    CachedInputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    ContextWindow = table.Column<int>(type: "int", nullable: true),
                    MaxOutputTokens = table.Column<int>(type: "int", nullable: true),
                    Quantization = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    IsFree = table.Column<bool>(type: "bit", nullable: false),
                    IsWeightsOnly = table.Column<bool>(type: "bit", nullable: false),
                    Notes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Routes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Routes_CatalogSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CatalogSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Routes_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Routes_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RoutePriceHistory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RouteId = table.Column<int>(type: "int", nullable: false),
                    InputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    OutputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    CachedInputPricePerMillion = table.Column<long>(type: "bigint", nullable: true),
                    EffectiveAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutePriceHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoutePriceHistory_CatalogSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CatalogSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoutePriceHistory_Routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "Routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "InstanceSettings",
                keyColumn: "Id",
                keyValue: 1,
                column: "CatalogSeedVersion",
                value: 0);

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkScores_Benchmark_Score",
                table: "BenchmarkScores",
                columns: new[] { "Benchmark", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkScores_ModelId_Benchmark_Variant_SourceId",
                table: "BenchmarkScores",
                columns: new[] { "ModelId", "Benchmark", "Variant", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkScores_SourceId",
                table: "BenchmarkScores",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_FactClaims_ModelId_Field_SourceId",
                table: "FactClaims",
                columns: new[] { "ModelId", "Field", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FactClaims_SourceId",
                table: "FactClaims",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_ContextWindow",
                table: "Models",
                column: "ContextWindow");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Lab",
                table: "Models",
                column: "Lab");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Name",
                table: "Models",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Models_ReleaseDate",
                table: "Models",
                column: "ReleaseDate");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Slug",
                table: "Models",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Models_SourceId",
                table: "Models",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Providers_Slug",
                table: "Providers",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Providers_SourceId",
                table: "Providers",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_RoutePriceHistory_RouteId_EffectiveAtUtc",
                table: "RoutePriceHistory",
                columns: new[] { "RouteId", "EffectiveAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RoutePriceHistory_SourceId",
                table: "RoutePriceHistory",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Routes_ModelId_InputPricePerMillion",
                table: "Routes",
                columns: new[] { "ModelId", "InputPricePerMillion" });

            migrationBuilder.CreateIndex(
                name: "IX_Routes_ModelId_OutputPricePerMillion",
                table: "Routes",
                columns: new[] { "ModelId", "OutputPricePerMillion" });

            migrationBuilder.CreateIndex(
                name: "IX_Routes_ProviderId_ProviderModelId",
                table: "Routes",
                columns: new[] { "ProviderId", "ProviderModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Routes_ProviderModelId",
                table: "Routes",
                column: "ProviderModelId");

            migrationBuilder.CreateIndex(
                name: "IX_Routes_SourceId",
                table: "Routes",
                column: "SourceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BenchmarkScores");

            migrationBuilder.DropTable(
                name: "FactClaims");

            migrationBuilder.DropTable(
                name: "RoutePriceHistory");

            migrationBuilder.DropTable(
                name: "Routes");

            migrationBuilder.DropTable(
                name: "Models");

            migrationBuilder.DropTable(
                name: "Providers");

            migrationBuilder.DropTable(
                name: "CatalogSources");

            migrationBuilder.DropColumn(
                name: "CatalogSeedVersion",
                table: "InstanceSettings");
        }
    }
}
