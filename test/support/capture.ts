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
