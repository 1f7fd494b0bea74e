// Progress on stderr, shared by gen, exec and fuzz. On a terminal: a cli-progress bar with rate and
// ETA. Elsewhere (CI logs, pipes): one plain line at most every two seconds, so logs stay short.
// Never both; `quiet` turns it off. Progress never touches stdout, so `--json` output stays clean.
import cliProgress from 'cli-progress';

export interface ProgressOptions {
  readonly label: string;
  /** Expected number of ticks; without it no percentage or ETA is shown. */
  readonly total?: number;
  readonly quiet: boolean;
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Clock in milliseconds; tests pass a fake one. */
  readonly now?: () => number;
}

export interface Progress {
  tick(n?: number): void;
  done(): void;
}

const PLAIN_INTERVAL_MS = 2000;
const BAR_INTERVAL_MS = 100;

export function createProgress(opts: ProgressOptions): Progress {
  if (opts.quiet) return { tick: () => undefined, done: () => undefined };
  return opts.stream.isTTY === true ? barProgress(opts) : plainProgress(opts);
}

/** "gen all_random: 5000/10000 (50%), 12000/s, eta 0s" */
export function progressLine(label: string, value: number, total: number | undefined, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((value * 1000) / elapsedMs) : 0;
  if (total === undefined) return `${label}: ${value}, ${rate}/s`;
  const pct = total > 0 ? Math.floor((value * 100) / total) : 100;
  const eta = rate > 0 ? Math.ceil((total - value) / rate) : 0;
  return `${label}: ${value}/${total} (${pct}%), ${rate}/s, eta ${eta}s`;
}

function plainProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? Date.now;
  const start = now();
  let last = start;
  let value = 0;
  return {
    tick(n = 1) {
      value += n;
      const t = now();
      if (t - last < PLAIN_INTERVAL_MS) return;
      last = t;
      opts.stream.write(progressLine(opts.label, value, opts.total, t - start) + '\n');
    },
    done() {
      // The command prints its own summary; a last progress line would only repeat it.
    },
  };
}

function barProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? Date.now;
  const known = opts.total !== undefined;
  const format = known
    ? `${opts.label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | eta {eta_formatted}`
    : `${opts.label} {value} | {rate}/s`;
  const bar = new cliProgress.SingleBar({
    stream: opts.stream, format, clearOnComplete: true, hideCursor: true, etaBuffer: 50, fps: 10,
  }, cliProgress.Presets.shades_classic);
  const start = now();
  let last = start;
  let value = 0;
  bar.start(opts.total ?? 0, 0, { rate: 0 });
  const rate = (t: number): number => (t > start ? Math.round((value * 1000) / (t - start)) : 0);
  return {
    tick(n = 1) {
      value += n;
      const t = now();
      if (t - last < BAR_INTERVAL_MS) return;
      last = t;
      bar.update(value, { rate: rate(t) });
    },
    done() {
      bar.update(value, { rate: rate(now()) });
      bar.stop();
    },
  };
}
