using Airlock.Server.Store;
using Airlock.Server.Store.Sqlite;

namespace Airlock.Server.Tests.Store;

/// <summary>
/// The group committer behind decision records: a caller's task completes only once its item is
/// committed, a lone caller writes on its own thread, callers arriving during a write share one
/// transaction, and a failed write fails every caller in it (fail closed).
/// </summary>
public sealed class GroupCommitterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "airlock-commit-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteGatewayStore _sqlite;
    private readonly GatedStore _store;

    public GroupCommitterTests()
    {
        _sqlite = new SqliteGatewayStore(Path.Combine(_folder, "airlock.db"));
        _sqlite.Initialize();
        _store = new GatedStore(_sqlite);
    }

    [Fact]
    public async Task Commit_WithNothingInProgress_IsWrittenByTheCaller_WithoutTheLoop()
    {
        // The loop is never started: only a write on the caller's own thread can complete this.
        using var committer = new SettingCommitter(_store);

        await committer.CommitAsync("alone");

        Assert.Equal(1, _store.Transactions);
        Assert.Equal("1", await _sqlite.ReadAsync(r => r.Setting("alone"), CancellationToken.None));
    }

    [Fact]
    public async Task Commits_ArrivingDuringAWrite_ShareOneTransaction_AndCompleteOnlyAfterIt()
    {
        using var committer = new SettingCommitter(_store);
        await committer.StartAsync(CancellationToken.None);
        var hold = _store.HoldNextWrite();

        var first = committer.CommitAsync("first");
        await hold.Entered;
        var queued = Enumerable.Range(0, 10).Select(i => committer.CommitAsync($"queued_{i}")).ToList();
        Assert.All(queued, t => Assert.False(t.IsCompleted));

        hold.Release();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal(2, _store.Transactions);
        Assert.Equal(11, (await _sqlite.ReadAsync(r => Enumerable.Range(0, 10).Select(i => r.Setting($"queued_{i}")).Append(r.Setting("first")).Count(v => v == "1"), CancellationToken.None)));
        await committer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Commit_WhenItsOwnWriteFails_Throws_AndNothingIsWritten()
    {
        using var committer = new SettingCommitter(_store);
        _store.FailWrites = true;

        await Assert.ThrowsAsync<IOException>(() => committer.CommitAsync("lost"));

        _store.FailWrites = false;
        Assert.Null(await _sqlite.ReadAsync(r => r.Setting("lost"), CancellationToken.None));
        // The failed writer let go: the next caller writes.
        await committer.CommitAsync("next");
        Assert.Equal("1", await _sqlite.ReadAsync(r => r.Setting("next"), CancellationToken.None));
    }

    [Fact]
    public async Task Commits_InAFailedBatch_AllThrow()
    {
        using var committer = new SettingCommitter(_store);
        await committer.StartAsync(CancellationToken.None);
        var hold = _store.HoldNextWrite();
        var first = committer.CommitAsync("first");
        await hold.Entered;
        var queued = Enumerable.Range(0, 3).Select(i => committer.CommitAsync($"queued_{i}")).ToList();

        _store.FailWrites = true;
        hold.Release();

        await Assert.ThrowsAsync<IOException>(() => first);
        foreach (var task in queued)
        {
            await Assert.ThrowsAsync<IOException>(() => task);
        }

        await committer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Commit_AfterStop_IsRefused()
    {
        using var committer = new SettingCommitter(_store);
        await committer.StartAsync(CancellationToken.None);
        await committer.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => committer.CommitAsync("late"));
        Assert.Null(await _sqlite.ReadAsync(r => r.Setting("late"), CancellationToken.None));
    }

    [Fact]
    public async Task Passengers_RideInTheCarriersTransaction_AndCompleteWithIt()
    {
        // The passengers' own loop is never started and lingers an hour: only the carrier can write them.
        using var passengers = new SettingCommitter(_store, TimeSpan.FromHours(1));
        using var carrier = new SettingCommitter(_store, TimeSpan.Zero, passengers);
        var riding = Enumerable.Range(0, 3).Select(i => passengers.CommitAsync($"passenger_{i}")).ToList();
        Assert.All(riding, t => Assert.False(t.IsCompleted));

        await carrier.CommitAsync("carrier");
        await Task.WhenAll(riding).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _store.Transactions);
        Assert.Equal(4, await _sqlite.ReadAsync(r => Enumerable.Range(0, 3).Select(i => r.Setting($"passenger_{i}")).Append(r.Setting("carrier")).Count(v => v == "1"), CancellationToken.None));
    }

    [Fact]
    public async Task Passengers_WhoseCarrierFails_AreWrittenOnTheirOwn()
    {
        using var passengers = new SettingCommitter(_store, TimeSpan.FromHours(1));
        using var carrier = new SettingCommitter(_store, TimeSpan.Zero, passengers, failing: "carrier");
        var riding = passengers.CommitAsync("passenger");

        await Assert.ThrowsAsync<IOException>(() => carrier.CommitAsync("carrier"));
        await riding.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("1", await _sqlite.ReadAsync(r => r.Setting("passenger"), CancellationToken.None));
        Assert.Null(await _sqlite.ReadAsync(r => r.Setting("carrier"), CancellationToken.None));
    }

    [Fact]
    public async Task APassengerThatCannotBeWritten_FailsOnlyOnce_ThenNotTheNextCarrier()
    {
        using var passengers = new SettingCommitter(_store, TimeSpan.FromHours(1), failing: "poison");
        using var carrier = new SettingCommitter(_store, TimeSpan.Zero, passengers);
        var poison = passengers.CommitAsync("poison");

        // The carrier that took it fails with it (one transaction), and the passenger then fails on its own.
        await Assert.ThrowsAsync<IOException>(() => carrier.CommitAsync("first"));
        await Assert.ThrowsAsync<IOException>(() => poison);

        await carrier.CommitAsync("second");
        Assert.Equal("1", await _sqlite.ReadAsync(r => r.Setting("second"), CancellationToken.None));
    }

    [Fact]
    public async Task Passengers_NoCarrierTakes_AreWrittenByTheirOwnLoopAfterTheLinger()
    {
        using var passengers = new SettingCommitter(_store, TimeSpan.FromMilliseconds(20));
        await passengers.StartAsync(CancellationToken.None);

        await passengers.CommitAsync("alone");

        Assert.Equal(1, _store.Transactions);
        Assert.Equal("1", await _sqlite.ReadAsync(r => r.Setting("alone"), CancellationToken.None));
        await passengers.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Writes a setting per item; an item named <paramref name="failing"/> cannot be written.</summary>
    private sealed class SettingCommitter(IGatewayStore store, TimeSpan linger, IPassengers? passengers = null, string? failing = null)
        : GroupCommitter<string>(store, linger, passengers)
    {
        public SettingCommitter(IGatewayStore store)
            : this(store, TimeSpan.Zero)
        {
        }

        public Task CommitAsync(string name) => EnqueueAsync(name);

        protected override void Write(IGatewayTransaction tx, string item)
        {
            if (item == failing)
            {
                throw new IOException($"{item} cannot be written");
            }

            tx.SetSetting(item, "1");
        }
    }

    /// <summary>The real store, counting write transactions; it can hold one write open, or fail writes.</summary>
    private sealed class GatedStore(IGatewayStore inner) : IGatewayStore
    {
        private Hold? _hold;
        private int _transactions;

        public int Transactions => Volatile.Read(ref _transactions);

        public volatile bool FailWrites;

        public Hold HoldNextWrite() => _hold = new Hold();

        public async Task<T> WriteAsync<T>(Func<IGatewayTransaction, T> work, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                hold.Enter();
                await hold.Released;
            }

            Interlocked.Increment(ref _transactions);
            return await inner.WriteAsync(tx => FailWrites ? throw new IOException("disk full") : work(tx), cancellationToken);
        }

        public Task<T> ReadAsync<T>(Func<IGatewayReader, T> work, CancellationToken cancellationToken) => inner.ReadAsync(work, cancellationToken);

        public void Initialize() => inner.Initialize();

        public void Dispose()
        {
        }
    }

    private sealed class Hold
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public Task Released => _released.Task;

        public void Enter() => _entered.TrySetResult();

        public void Release() => _released.TrySetResult();
    }
}
