// PBFT passes the protocol conformance kit (./kit.ts).
import { join } from 'node:path';
import { protocolNamed } from '../../src/protocols/registry.js';
import { ROOT } from '../cli/run-cli.js';
import { conformanceSuite } from './kit.js';

conformanceSuite({
  module: protocolNamed('pbft'),
  pinned: [[4, 'g1', '2fac0016d87140ec'], [7, 'g2', '6112550aa5c9bb5b']],
  configDir: join(ROOT, 'executor-configs'),
});
