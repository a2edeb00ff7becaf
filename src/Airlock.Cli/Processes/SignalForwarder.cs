using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Airlock.Cli.Processes;

/// <summary>
/// Passes the signals that end a program (SIGINT, SIGQUIT, SIGHUP, SIGTERM) on to the child process
/// and keeps Airlock alive until the child has exited, so its exit code is passed through and its
/// outcome reported. Create it just before starting the child: a signal that arrives between the start
/// and <see cref="Attach"/> is held and passed on when the child is attached.
/// </summary>
/// <remarks>
/// A terminal sends Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT) and hang-ups to the whole foreground process
/// group, which includes the child: when Airlock is in the terminal's foreground group those are not
/// sent a second time (a second SIGINT makes many programs abort without cleaning up). SIGTERM never
/// comes from the terminal and is always passed on.
/// </remarks>
internal sealed partial class SignalForwarder : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Lock _lock = new();
    private readonly List<PosixSignal> _held = [];
    private Process? _child;

    public SignalForwarder()
    {
        foreach (var signal in (ReadOnlySpan<PosixSignal>)[PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGHUP, PosixSignal.SIGTERM])
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, Forward));
        }
    }

    /// <summary>From now on, signals go to this child; any held since the start go to it now.</summary>
    public void Attach(Process child)
    {
        PosixSignal[] held;
        lock (_lock)
        {
            _child = child;
            held = [.. _held];
            _held.Clear();
        }

        foreach (var signal in held)
        {
            Send(child, signal);
        }
    }

    /// <summary>Asks a child to end (SIGTERM), as a shutdown sequence does before it kills.</summary>
    public static void Terminate(Process child)
    {
        try
        {
            if (!child.HasExited)
            {
                _ = Kill(child.Id, 15);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Forward(PosixSignalContext context)
    {
        context.Cancel = true;
        Process? child;
        lock (_lock)
        {
            child = _child;
            if (child is null)
            {
                _held.Add(context.Signal);
                return;
            }
        }

        Send(child, context.Signal);
    }

    private static void Send(Process child, PosixSignal signal)
    {
        try
        {
            if (child.HasExited || (signal != PosixSignal.SIGTERM && InTerminalForeground()))
            {
                return;
            }

            _ = Kill(child.Id, Number(signal));
        }
        catch (InvalidOperationException)
        {
            // The child has gone; nothing to pass on.
        }
    }

    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGHUP => 1,
        _ => 15,
    };

    /// <summary>True when one of the standard streams is a terminal whose foreground process group is Airlock's.</summary>
    private static bool InTerminalForeground()
    {
        var group = GetProcessGroup();
        for (var fd = 0; fd <= 2; fd++)
        {
            var foreground = GetTerminalForegroundGroup(fd);
            if (foreground > 0)
            {
                return foreground == group;
            }
        }

        return false;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetProcessGroup();

    [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
    private static partial int GetTerminalForegroundGroup(int fd);
}
