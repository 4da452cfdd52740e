using SafeCompletions.Runs;
using SafeCompletions.Sft;

namespace SafeCompletions.Storage;

/// <summary>
/// Where runs keep their state: opens the store of the run in a directory. The default keeps a SQLite file there
/// (<c>state.db</c>); a database server's implementation would key its runs by the directory and need no change to the runners.
/// </summary>
public interface IRunStores
{
    IEvalRunStore OpenEval(string directory);

    ISftRunStore OpenSft(string directory);
}
