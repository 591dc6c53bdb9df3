using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FactClaimFieldLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
