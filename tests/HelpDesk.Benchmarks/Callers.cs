namespace HelpDesk.Benchmarks;

/// <summary>Several callers sharing one invocation's operations, as concurrent requests share a server.</summary>
public static class Callers
{
    /// <summary>
    /// Runs operations 0 … <paramref name="operations"/> − 1 on <paramref name="callers"/> tasks at once, each taking
    /// every <paramref name="callers"/>-th operation in turn.
    /// </summary>
    public static Task RunAsync(int callers, int operations, Func<int, Task> operation) =>
        Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; i < operations; i += callers)
            {
                await operation(i);
            }
        })));
}
