// The noop service: a replicated application with no state. Every request succeeds with reply "ok".
// Consensus alone decides what is committed, so this is the service the Twins scenarios run: the
// proposals differ only by their mempool markers, which the service ignores.
import type { Service } from '../../kernel/service.js';

export const noopService: Service<null> = Object.freeze({
  name: 'noop',
  initial: () => null,
  apply: () => NOOP_RESULT,
  digest: () => 'noop',
});

const NOOP_RESULT = Object.freeze({ state: null, reply: 'ok' });
