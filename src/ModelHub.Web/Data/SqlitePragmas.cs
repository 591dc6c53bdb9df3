using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelHub.Web.Data;

/// <summary>
/// Sets synchronous=NORMAL on each SQLite connection. With WAL (set at start-up) this stays
/// corruption-safe and only a power cut can lose the last commits, while a commit no longer waits
/// for a disk flush: a playground run's first write sits in front of its first token.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
