import type { Command } from 'commander';

export function registerMock(program: Command): void {
  program
    .command('mock')
    .description('(not built yet)')
    .action(() => {
      console.error('suiterun-kit mock: not built yet');
      process.exitCode = 2;
    });
}
