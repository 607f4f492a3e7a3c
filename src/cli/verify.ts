import type { Command } from 'commander';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('(not built yet)')
    .action(() => {
      console.error('suiterun-kit verify: not built yet');
      process.exitCode = 2;
    });
}
