using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Telemetry;

namespace ModelHub.UnitTests;

/// <summary>The open-circuit gauge and the import counters, read through a listener on this test's own meter.</summary>
public sealed class TelemetryInstrumentTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ModelHubMeter meter;
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> measured = [];

    public TelemetryInstrumentTests()
    {
        meter = new ModelHubMeter(services.GetRequiredService<IMeterFactory>());
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
    }

    [Fact]
    public async Task OpenCircuitsCountsCircuitsOpenedAndNotYetClosed()
    {
        var circuits = new OpenCircuits(meter);
        var first = new OpenCircuitTracker(circuits);
        var second = new OpenCircuitTracker(circuits);

        await first.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await second.OnCircuitOpenedAsync(null!, CancellationToken.None);
        await first.OnCircuitClosedAsync(null!, CancellationToken.None);
        listener.RecordObservableInstruments();

        Assert.Equal(1, circuits.Count);
        Assert.Equal(1, measured.Single(m => m.Instrument == "modelhub.circuits.open").Value);
    }

    [Fact]
    public void AFinishedImportCountsItsOutcomeAndRows()
    {
        var imports = new ImportTelemetry(meter);

        using (var measurement = imports.Start())
        {
            measurement.Finished(new ImportResult(CatalogImportFormat.ModelsDev, DryRun: false, Written: true, Added: 3, Changed: 2, Unchanged: 5, Conflicting: 0, [], [], 0));
        }

        var import = Assert.Single(measured, m => m.Instrument == "modelhub.catalog.imports");
        Assert.Equal("written", import.Tags["outcome"]);
        var rows = measured.Where(m => m.Instrument == "modelhub.catalog.import.rows").ToDictionary(m => (string)m.Tags["change"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["added"] = 3, ["changed"] = 2, ["unchanged"] = 5 }, rows);
    }

    [Fact]
    public void AnImportThatThrowsCountsAsFailed()
    {
        var imports = new ImportTelemetry(meter);

        void ImportThatFails()
        {
            using var measurement = imports.Start();
            throw new ImportFileException("The file is not a catalog.");
        }

        Assert.Throws<ImportFileException>(ImportThatFails);

        var import = Assert.Single(measured, m => m.Instrument == "modelhub.catalog.imports");
        Assert.Equal("failed", import.Tags["outcome"]);
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }
}
