using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SharedRequestCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RequestCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestCounters", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestCounters_ExpiresAtUtc",
                table: "RequestCounters",
                column: "ExpiresAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestCounters");
        }
    }
}
