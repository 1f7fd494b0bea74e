// Where a command's time goes, for docs/performance.md: with TWINS_PHASES set, each phase's wall and
// CPU milliseconds (CPU of the whole process, every thread) are printed on stderr when the command
// ends. Phases are marked where one ends; the first starts when the process did.
const enabled = process.env['TWINS_PHASES'] !== undefined;
const marks: { name: string; wall: number; cpu: number }[] = [];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Ends the phase called `name` (no-op unless TWINS_PHASES is set). */
export function phaseEnd(name: string): void {
  if (enabled) marks.push({ name, wall: performance.now(), cpu: cpuMs() });
}

/** Prints the phases marked so far (no-op unless TWINS_PHASES is set). */
export function printPhases(): void {
  if (!enabled) return;
  let wall = 0;
  let cpu = 0;
  for (const m of marks) {
    process.stderr.write(`phase ${m.name.padEnd(12)} ${(m.wall - wall).toFixed(0).padStart(7)} ms wall ${(m.cpu - cpu).toFixed(0).padStart(7)} ms cpu\n`);
    wall = m.wall;
    cpu = m.cpu;
  }
}
