// The verify command's output streams as strings, for tests that read what it printed.
export function captureOutput() {
  const out = { stdout: '', stderr: '', tty: '' };
  return {
    out,
    io: {
      stdout: (t: string) => {
        out.stdout += t;
      },
      stderr: (t: string) => {
        out.stderr += t;
      },
    },
  };
}

/** captureOutput() and a fake terminal (100 columns, no tick delay) that writes to out.tty. A
 *  terminal in io puts verify in terminal mode, so captureOutput() itself has none. */
export function captureTerminalOutput() {
  const { out, io } = captureOutput();
  const terminal = {
    write: (t: string) => {
      out.tty += t;
    },
    columns: 100,
    tickMs: 0,
  };
  return { out, io: { ...io, terminal } };
}
