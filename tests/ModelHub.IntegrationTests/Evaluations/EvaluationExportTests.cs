using System.Net;
using System.Text.Json;
using ModelHub.Web.Features.Evaluations;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's export of notes, scores and votes as CSV and JSONL, with the ids that join them to runs and the catalog.</summary>
[Trait("Database", "true")]
public sealed class EvaluationExportTests : EvaluationTest
{
    private async Task<HttpResponseMessage> ExportAsync(string kind, string format) =>
        await owner.Api.GetAsync(Path($"evaluations/export?kind={kind}&format={format}"));

    private async Task<(List<string> Header, List<Dictionary<string, string>> Rows)> CsvAsync(string kind)
    {
        var response = await ExportAsync(kind, "csv");
        var text = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith($"-{kind}-{DateTime.UtcNow:yyyyMMdd}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = ParseCsv(text);
        var header = lines[0];
        return (header, lines.Skip(1).Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList());
    }

    private async Task<List<JsonElement>> JsonlAsync(string kind)
    {
        var response = await ExportAsync(kind, "jsonl");
        var text = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task NotesScoresAndVotesExportAsCsvAndJsonlWithModelSlugRouteRunAndPromptIds()
    {
        var run = await RunOnRoutesAsync("Export me", echoRouteId, textOnlyRouteId);
        var (echo, text) = (run.Targets[0], run.Targets[1]);
        var note = await NoteAsync("runTarget", echo.Id.ToString(), "Good answer", "Recommended", ["export"]);
        var score = await ScoreAsync(await DefaultRubricAsync(), echo.Id, 4, 5, true);
        var vote = await VoteAsync(run.Id, echo.Id, text.Id, "Left");

        var (noteHeader, notes) = await CsvAsync("notes");
        var (scoreHeader, scores) = await CsvAsync("scores");
        var (voteHeader, votes) = await CsvAsync("votes");

        Assert.Equal(["note_id", "target_kind", "target_id", "model_slug", "route_id", "run_id", "run_target_id", "comparison_id", "prompt_id"], noteHeader.Take(9));
        Assert.Contains("score_id", scoreHeader);
        Assert.Equal(["vote_id", "run_id", "prompt_id", "left_target_id", "left_model_slug", "left_route_id", "right_target_id", "right_model_slug", "right_route_id", "outcome"],
            voteHeader.Take(10));
        var noteRow = Assert.Single(notes);
        Assert.Equal((note.Id.ToString(), "runTarget", Echo, Route(echoRouteId), run.Id.ToString(), echo.Id.ToString(), score.PromptId, "Recommended", "Good answer"),
            (noteRow["note_id"], noteRow["target_kind"], noteRow["model_slug"], noteRow["route_id"], noteRow["run_id"], noteRow["run_target_id"], noteRow["prompt_id"], noteRow["verdict"], noteRow["body"]));
        Assert.Equal(3, scores.Count);
        Assert.All(scores, row => Assert.Equal((score.Id.ToString(), Echo, Route(echoRouteId), run.Id.ToString(), echo.Id.ToString(), score.PromptId),
            (row["score_id"], row["model_slug"], row["route_id"], row["run_id"], row["run_target_id"], row["prompt_id"])));
        Assert.Equal([("Correctness", "4"), ("Helpfulness", "5"), ("Format followed", "True")], scores.Select(r => (r["criterion"], r["value"])));
        var voteRow = Assert.Single(votes);
        Assert.Equal((vote.Id.ToString(), run.Id.ToString(), score.PromptId, Echo, Route(echoRouteId), Text, Route(textOnlyRouteId), "Left"),
            (voteRow["vote_id"], voteRow["run_id"], voteRow["prompt_id"], voteRow["left_model_slug"], voteRow["left_route_id"], voteRow["right_model_slug"], voteRow["right_route_id"], voteRow["outcome"]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", noteRow["created_at_utc"]);

        var noteLine = Assert.Single(await JsonlAsync("notes"));
        var scoreLines = await JsonlAsync("scores");
        var voteLine = Assert.Single(await JsonlAsync("votes"));
        Assert.Equal((Echo, echoRouteId, run.Id.ToString(), score.PromptId),
            (noteLine.GetProperty("model_slug").GetString(), noteLine.GetProperty("route_id").GetInt32(), noteLine.GetProperty("run_id").GetString(), noteLine.GetProperty("prompt_id").GetString()));
        Assert.Equal(3, scoreLines.Count);
        Assert.Equal((echo.Id.ToString(), Echo, echoRouteId, run.Id.ToString(), score.PromptId),
            (scoreLines[0].GetProperty("run_target_id").GetString(), scoreLines[0].GetProperty("model_slug").GetString(), scoreLines[0].GetProperty("route_id").GetInt32(),
                scoreLines[0].GetProperty("run_id").GetString(), scoreLines[0].GetProperty("prompt_id").GetString()));
        Assert.Equal([4, 5], scoreLines.Take(2).Select(l => l.GetProperty("value").GetDouble()));
        Assert.True(scoreLines[2].GetProperty("value").GetBoolean());
        Assert.Equal((run.Id.ToString(), score.PromptId, Echo, Text, "Left"),
            (voteLine.GetProperty("run_id").GetString(), voteLine.GetProperty("prompt_id").GetString(), voteLine.GetProperty("left_model_slug").GetString(),
                voteLine.GetProperty("right_model_slug").GetString(), voteLine.GetProperty("outcome").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", noteLine.GetProperty("created_at_utc").GetString());
    }

    [Fact]
    public async Task AnEmptyExportStillHasItsHeader()
    {
        var (header, rows) = await CsvAsync("scores");

        Assert.Empty(rows);
        Assert.Equal(["score_id", "rubric_id", "rubric", "criterion_id", "criterion", "kind", "value", "model_slug", "route_id", "run_id", "run_target_id", "prompt_id"], header.Take(12));
        Assert.Empty(await JsonlAsync("votes"));
    }

    [Fact]
    public async Task AnUnknownKindOrFormatAnswers400NamingIt()
    {
        await ProblemAsync(await ExportAsync("secrets", "csv"), HttpStatusCode.BadRequest, "kind");
        await ProblemAsync(await owner.Api.GetAsync(Path("evaluations/export?format=csv")), HttpStatusCode.BadRequest, "kind");
        await ProblemAsync(await ExportAsync("notes", "xlsx"), HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task ACellStartingWithAnEqualsSignIsNeutralised()
    {
        var run = await RunOnRoutesAsync("Formula", echoRouteId);
        await NoteAsync("model", Echo, "=HYPERLINK(\"https://evil.example\",\"Open\")", tags: ["=1+1"]);
        await (await owner.Api.PostJsonAsync(Path("scores"), new
        {
            runTargetId = run.Targets[0].Id,
            rubricId = (await CreateRubricAsync("Ok", new { name = "Ok", kind = "Boolean" })).Id,
            value = true,
            comment = "=cmd|' /C calc'!A0",
        })).ReadAsync<ScoreView>(HttpStatusCode.Created);

        var notes = await (await ExportAsync("notes", "csv")).ExpectAsync(HttpStatusCode.OK);
        var scores = await (await ExportAsync("scores", "csv")).ExpectAsync(HttpStatusCode.OK);
        var note = (await CsvAsync("notes")).Rows.Single();
        var score = (await CsvAsync("scores")).Rows.Single();

        Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"Open\")", note["body"]);
        Assert.Equal("'=1+1", note["tags"]);
        Assert.Equal("'=cmd|' /C calc'!A0", score["comment"]);
        Assert.DoesNotContain(",=", notes);
        Assert.DoesNotContain(",\"=", notes);
        Assert.DoesNotContain(",=", scores);
        // JSONL is data, not a spreadsheet: the text stays as written.
        Assert.Equal("=HYPERLINK(\"https://evil.example\",\"Open\")", (await JsonlAsync("notes")).Single().GetProperty("body").GetString());
    }

    private static string Route(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }
}
