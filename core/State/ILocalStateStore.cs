namespace Authentik.Plugins.State;

/// <summary>
/// Small key-value state the host keeps across restarts, such as an <c>authentik_host</c> learned
/// from the first admin request. The default store is an SQLite database in the data directory;
/// several host replicas need a shared store behind this interface.
/// </summary>
public interface ILocalStateStore
{
    /// <summary>Returns the value stored under <paramref name="key"/> in <paramref name="scope"/>, or <see langword="null"/>.</summary>
    /// <param name="scope">Namespace of the key, for example an outpost name.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<string?> GetAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> in <paramref name="scope"/>, replacing any earlier value.</summary>
    /// <param name="scope">Namespace of the key.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetAsync(string scope, string key, string value, CancellationToken cancellationToken);

    /// <summary>Removes the value under <paramref name="key"/> in <paramref name="scope"/>; returns whether one existed.</summary>
    /// <param name="scope">Namespace of the key.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<bool> DeleteAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Returns every key and value in <paramref name="scope"/>.</summary>
    /// <param name="scope">Namespace of the keys.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<IReadOnlyDictionary<string, string>> GetAllAsync(string scope, CancellationToken cancellationToken);
}
