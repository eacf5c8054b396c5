using Authentik.Plugins.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Outpost sessions in the table <c>outpost_sessions</c> of the SQLite database
/// <c>state.db</c> in the data directory.
/// </summary>
internal sealed class SqliteOutpostSessionStore : IOutpostSessionStore, IDisposable
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS outpost_sessions (
            id TEXT PRIMARY KEY NOT NULL,
            outpost TEXT NOT NULL,
            provider TEXT NOT NULL,
            subject TEXT NULL,
            data TEXT NOT NULL,
            expires_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS outpost_sessions_subject ON outpost_sessions (outpost, subject);
        CREATE INDEX IF NOT EXISTS outpost_sessions_expires_at ON outpost_sessions (expires_at);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaCreated;

    public SqliteOutpostSessionStore(IOptions<EmbeddedOutpostOptions> options)
    {
        var dataPath = Path.GetFullPath(options.Value.DataPath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "state.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async ValueTask<OutpostSession?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT outpost, provider, subject, data, expires_at FROM outpost_sessions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new OutpostSession
        {
            Id = id,
            Outpost = reader.GetString(0),
            Provider = reader.GetString(1),
            Subject = reader.IsDBNull(2) ? null : reader.GetString(2),
            Data = reader.GetString(3),
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(4)),
        };
    }

    public async ValueTask SetAsync(OutpostSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO outpost_sessions (id, outpost, provider, subject, data, expires_at)
            VALUES ($id, $outpost, $provider, $subject, $data, $expires_at)
            ON CONFLICT (id) DO UPDATE SET outpost = excluded.outpost, provider = excluded.provider,
                subject = excluded.subject, data = excluded.data, expires_at = excluded.expires_at
            """;
        command.Parameters.AddWithValue("$id", session.Id);
        command.Parameters.AddWithValue("$outpost", session.Outpost);
        command.Parameters.AddWithValue("$provider", session.Provider);
        command.Parameters.AddWithValue("$subject", (object?)session.Subject ?? DBNull.Value);
        command.Parameters.AddWithValue("$data", session.Data);
        command.Parameters.AddWithValue("$expires_at", session.ExpiresAt.ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outpost_sessions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async ValueTask<int> DeleteBySubjectAsync(string outpost, string subject, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outpost_sessions WHERE outpost = $outpost AND subject = $subject";
        command.Parameters.AddWithValue("$outpost", outpost);
        command.Parameters.AddWithValue("$subject", subject);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outpost_sessions WHERE expires_at < $now";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _schemaLock.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!Volatile.Read(ref _schemaCreated))
            {
                await CreateSchemaAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaCreated)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;" + CreateTable;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Volatile.Write(ref _schemaCreated, true);
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
