using Authentik.Plugins.State;
using Microsoft.Data.Sqlite;

namespace Authentik.Plugins.Host.State;

/// <summary>
/// <see cref="ILocalStateStore"/> in an SQLite database, by default <c>&lt;paths:data&gt;/state.db</c>.
/// The database runs in WAL mode, so the <c>outposts</c> command can write while a running host
/// reads; each call opens a pooled connection.
/// </summary>
internal sealed class SqliteLocalStateStore : ILocalStateStore
{
    /// <summary>File name of the database in the data directory.</summary>
    public const string FileName = "state.db";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS local_state (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _schemaLock = new();
    private bool _schemaReady;

    /// <summary>Creates the store; the database and its directory are created on first use.</summary>
    /// <param name="databasePath">Path of the database file.</param>
    /// <param name="timeProvider">Clock for the <c>updated_at</c> column.</param>
    public SqliteLocalStateStore(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);

        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        _timeProvider = timeProvider;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async ValueTask<string?> GetAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM local_state WHERE scope = $scope AND key = $key";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string scope, string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO local_state (scope, key, value, updated_at) VALUES ($scope, $key, $value, $updated)
            ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$updated", _timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM local_state WHERE scope = $scope AND key = $key";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, string>> GetAllAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM local_state WHERE scope = $scope ORDER BY key";
        command.Parameters.AddWithValue("$scope", scope);

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref _schemaReady))
        {
            CreateSchema();
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Runs once per store, so it is synchronous: Microsoft.Data.Sqlite's async calls complete
    // synchronously anyway.
    private void CreateSchema()
    {
        lock (_schemaLock)
        {
            if (_schemaReady)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
            Volatile.Write(ref _schemaReady, true);
        }
    }
}
