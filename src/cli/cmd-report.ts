import type { Command } from 'commander';

/** Registers `twins report`. Placeholder until its issue lands. */
export function register(_program: Command): void {
  // not yet implemented
}
