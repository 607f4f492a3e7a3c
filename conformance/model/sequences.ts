// The model-based check: random sequences of make, advance, cancel, cancel one child, get,
// list and resubmit, each step checked against the model; shrinking finds the shortest failing one.
import fc from 'fast-check';
import type { CheckContext } from '../context.ts';
import { childArb } from '../scenarios/arbitraries.ts';
import { AdvanceChildCommand } from './commands/AdvanceChildCommand.ts';
import { CancelChildCommand } from './commands/CancelChildCommand.ts';
import { CancelSuiteCommand } from './commands/CancelSuiteCommand.ts';
import { CreateSuiteCommand } from './commands/CreateSuiteCommand.ts';
import { GetSuiteCommand } from './commands/GetSuiteCommand.ts';
import { ListSuitesCommand } from './commands/ListSuitesCommand.ts';
import { ResubmitCommand } from './commands/ResubmitCommand.ts';
import type { Real, SuiteModel } from './model.ts';

function commandsArb(replayPath?: string) {
  return fc.commands<SuiteModel, Real, false>(
    [
      fc.array(childArb, { minLength: 1, maxLength: 6 }).map((children) => new CreateSuiteCommand(children)),
      fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([s, c, m]) => new AdvanceChildCommand(s, c, m)),
      fc.nat().map((s) => new CancelSuiteCommand(s)),
      fc.tuple(fc.nat(), fc.nat()).map(([s, c]) => new CancelChildCommand(s, c)),
      fc.nat().map((s) => new GetSuiteCommand(s)),
      fc.constant(0).map(() => new ListSuitesCommand()),
      fc.nat().map((s) => new ResubmitCommand(s)),
    ],
    { maxCommands: 25, size: 'max', ...(replayPath ? { replayPath } : {}) },
  );
}

export async function modelBasedSequences(ctx: CheckContext): Promise<void> {
  await ctx.property(commandsArb(ctx.options.commandsReplayPath), (cmds) =>
    fc.asyncModelRun(() => ({ model: { suites: [] } as SuiteModel, real: ctx }), cmds),
  );
}
