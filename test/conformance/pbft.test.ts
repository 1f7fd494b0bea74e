// PBFT passes the protocol conformance kit (./kit.ts).
import { join } from 'node:path';
import { protocolNamed } from '../../src/protocols/registry.js';
import { ROOT } from '../cli/run-cli.js';
import { conformanceSuite } from './kit.js';

conformanceSuite({
  module: protocolNamed('pbft'),
  pinned: [[4, 'g1', '919c72e61bee2915'], [7, 'g2', 'b54136625d1d4b12']],
  configDir: join(ROOT, 'executor-configs'),
});
