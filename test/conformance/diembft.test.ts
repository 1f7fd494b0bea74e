// DiemBFT passes the protocol conformance kit (./kit.ts).
import { join } from 'node:path';
import { protocolNamed } from '../../src/protocols/registry.js';
import { ROOT } from '../cli/run-cli.js';
import { conformanceSuite } from './kit.js';

conformanceSuite({
  module: protocolNamed('diembft'),
  pinned: [[4, 'g1', '6723c48f335212a0'], [7, 'g2', '27032892a6e22c4e']],
  configDir: join(ROOT, 'executor-configs'),
});
