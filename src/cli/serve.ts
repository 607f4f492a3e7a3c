import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('(not built yet)')
    .action(() => {
      console.error('suiterun-kit serve: not built yet');
      process.exitCode = 2;
    });
}
