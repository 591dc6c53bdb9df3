using System.Diagnostics.Metrics;
using ModelHub.Web.Features.Catalog.Import;

namespace ModelHub.Web.Features.Telemetry;

/// <summary>Catalog imports counted by outcome (written, unchanged, dry run, failed) and the rows they touched.</summary>
public sealed class ImportTelemetry
{
    private readonly Counter<long> imports;
    private readonly Counter<long> rows;

    public ImportTelemetry(ModelHubMeter meter)
    {
        imports = meter.Meter.CreateCounter<long>("modelhub.catalog.imports", "{import}", "Catalog imports, by outcome.");
        rows = meter.Meter.CreateCounter<long>("modelhub.catalog.import.rows", "{row}", "Catalog routes an import read, by what happened to them.");
    }

    /// <summary>Starts measuring one import; disposing it without <see cref="Measurement.Finished"/> counts a failure.</summary>
    public Measurement Start() => new(this);

    public sealed class Measurement(ImportTelemetry telemetry) : IDisposable
    {
        private bool finished;

        public ImportResult Finished(ImportResult result)
        {
            finished = true;
            var outcome = result.DryRun ? "dry_run" : result.Written ? "written" : "unchanged";
            telemetry.imports.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            foreach (var (change, count) in new[] { ("added", result.Added), ("changed", result.Changed), ("unchanged", result.Unchanged), ("conflicting", result.Conflicting) })
            {
                if (count > 0)
                {
                    telemetry.rows.Add(count, new KeyValuePair<string, object?>("change", change), new("outcome", outcome));
                }
            }

            return result;
        }

        public void Dispose()
        {
            if (!finished)
            {
                telemetry.imports.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            }
        }
    }
}
