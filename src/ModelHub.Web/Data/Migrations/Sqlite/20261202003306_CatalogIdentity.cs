using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Models",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogIdentityChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    Record = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UndoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogIdentityChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogReviewItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderSlug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ProviderModelId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Candidates = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SourceName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogReviewItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelAliases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderSlug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangeId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelAliases_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Models_MergedIntoId",
                table: "Models",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogIdentityChanges_AtUtc",
                table: "CatalogIdentityChanges",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogReviewItems_ProviderSlug_ProviderModelId",
                table: "CatalogReviewItems",
                columns: new[] { "ProviderSlug", "ProviderModelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelAliases_ChangeId",
                table: "ModelAliases",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelAliases_Key_ProviderSlug",
                table: "ModelAliases",
                columns: new[] { "Key", "ProviderSlug" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelAliases_ModelId",
                table: "ModelAliases",
                column: "ModelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogIdentityChanges");

            migrationBuilder.DropTable(
                name: "CatalogReviewItems");

            migrationBuilder.DropTable(
                name: "ModelAliases");

            migrationBuilder.DropIndex(
                name: "IX_Models_MergedIntoId",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Models");
        }
    }
}
