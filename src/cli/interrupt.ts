// Ctrl-C during a long run: the journal already holds every finished batch, so the run stops at once
// with exit 130 (128 + SIGINT, as a shell reports it) and says how to continue it.

/** Exit status of a run stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** Until the returned function is called, SIGINT prints `message` on stderr and exits 130. */
export function onInterrupt(message: () => string): () => void {
  const handler = (): void => {
    process.stderr.write(message());
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', handler);
  return () => { process.removeListener('SIGINT', handler); };
}

/** The command that continues an interrupted `twins exec` run. */
export function resumeCommand(configFile: string, flags: { shard?: string; reports?: string; bugs?: string }): string {
  return `npx twins exec ${configFile}` +
    `${flags.shard === undefined ? '' : ` --shard ${flags.shard}`}` +
    `${flags.reports === undefined || flags.reports === 'reports' ? '' : ` --reports ${flags.reports}`}` +
    `${flags.bugs === undefined ? '' : ` --bugs ${flags.bugs === '' ? "''" : flags.bugs}`} --resume`;
}
