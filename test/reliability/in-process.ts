// Runs the CLI in this process through its exported entry point (main), capturing what it prints, so
// hundreds of bad inputs can be checked without starting a process for each.
import { main } from '../../src/cli/main.js';

export interface InProcessResult { readonly code: number; readonly stdout: string; readonly stderr: string; readonly ms: number }

export async function runInProcess(args: readonly string[]): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const capture = (into: string[]) => ((chunk: string | Uint8Array): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  const started = performance.now();
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.exitCode = undefined;
  }
  return { code, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - started };
}
