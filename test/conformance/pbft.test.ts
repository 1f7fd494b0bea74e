// PBFT passes the protocol conformance kit (./kit.ts).
import { join } from 'node:path';
import { protocolNamed } from '../../src/protocols/registry.js';
import { ROOT } from '../cli/run-cli.js';
import { conformanceSuite } from './kit.js';

conformanceSuite({
  module: protocolNamed('pbft'),
  pinned: [[4, 'g1', '7b810f82749a2386'], [7, 'g2', '20953e7cd5201fc9']],
  configDir: join(ROOT, 'executor-configs'),
});
