using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelHub.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BenchmarkScoreIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BenchmarkScores_Benchmark_Score",
                table: "BenchmarkScores");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkScores_Benchmark_Score",
                table: "BenchmarkScores",
                columns: new[] { "Benchmark", "Score" });
        }
    }
}
