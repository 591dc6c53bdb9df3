using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InstanceLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PlaygroundRuns_Status",
                table: "PlaygroundRuns");

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAtUtc",
                table: "PlaygroundRuns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerInstance",
                table: "PlaygroundRuns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstanceLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstanceLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundRuns_AuthorUserId_CreatedAtUtc",
                table: "PlaygroundRuns",
                columns: new[] { "AuthorUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundRuns_Status_LeaseExpiresAtUtc",
                table: "PlaygroundRuns",
                columns: new[] { "Status", "LeaseExpiresAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstanceLeases");

            migrationBuilder.DropIndex(
                name: "IX_PlaygroundRuns_AuthorUserId_CreatedAtUtc",
                table: "PlaygroundRuns");

            migrationBuilder.DropIndex(
                name: "IX_PlaygroundRuns_Status_LeaseExpiresAtUtc",
                table: "PlaygroundRuns");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAtUtc",
                table: "PlaygroundRuns");

            migrationBuilder.DropColumn(
                name: "OwnerInstance",
                table: "PlaygroundRuns");

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundRuns_Status",
                table: "PlaygroundRuns",
                column: "Status");
        }
    }
}
