// The verify command's output streams as strings, for tests that read what it printed.
export function captureOutput() {
  const out = { stdout: '', stderr: '', tty: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}
