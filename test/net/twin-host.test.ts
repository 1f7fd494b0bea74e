// One network Twins replica host (src/net/twin-host.ts) without the run around it: two hosts in this
// process on the real DiemBFT module, whose clocks share one start instant but whose replicas start
// apart. A message that reaches a replica before it has started is kept and stepped once it starts.
import { expect } from 'chai';
import { join } from 'node:path';
import { DELIVER } from '../../src/kernel/fate.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { runningService } from '../../src/services/registry.js';
import { loadOrCreateKey } from '../../src/net/keys.js';
import { readLines } from '../../src/net/node-files.js';
import { RunClock, TwinHost } from '../../src/net/twin-host.js';
import { tempDir } from '../temp-dir.js';

type Event = { event: string; t?: number; obs?: { type: string; round?: number; blockId?: string } };

describe('net: a network Twins replica host', function () {
  this.timeout(20_000);

  it('keeps what arrives before its replica starts: a late replica still votes for the proposal sent before it started', async () => {
    const dir = tempDir('twins-th-');
    const protocol = protocolNamed('diembft');
    const keys = [0, 1].map((j) => loadOrCreateKey(join(dir, 'keys', `identity-${j}`)));
    const clock = new RunClock(10);
    const hosts = [0, 1].map((r) => new TwinHost<unknown>({
      module: protocol, replica: r, identityOf: [0, 1],
      // n = 4 identities, two of them run here; identity 0 leads every round, and no timer fires.
      context: { n: 4, marker: `r${r}`, chainSeed: 'twin-host-test', crypto: 'mock', bugs: [], roundTimeoutTicks: 10_000,
        leaderOverride: () => 0, service: runningService('wallet', []), options: { ...protocol.options.defaults } },
      policy: { fate: () => DELIVER }, clock, dir: join(dir, `replica-${r}`), key: keys[r]!,
      publicKeys: keys.map((k) => k.publicKey), crashAt: null, onRound: () => undefined,
      onCrash: (error) => { throw new Error(error); },
    }));
    try {
      const ports = await Promise.all(hosts.map((h) => h.listen(0)));
      await Promise.all(hosts.map((h) => h.connect(ports)));
      clock.begin(RunClock.now());
      hosts[0]!.start();
      await new Promise((r) => setTimeout(r, 300));
      hosts[1]!.start();
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await Promise.all(hosts.map((h) => h.stop()));
    }
    const [leader, late] = [0, 1].map((r) => readLines(join(dir, `replica-${r}`, 'events.jsonl')).map((l) => JSON.parse(l) as Event));
    const proposal = leader!.find((e) => e.obs?.type === 'propose' && e.obs.round === 1)!;
    const start = late!.find((e) => e.event === 'start')!;
    expect(start.t! - proposal.t!, 'the proposal left well before the late replica started').to.be.above(200e6);
    const vote = late!.find((e) => e.obs?.type === 'vote');
    expect(vote?.obs, 'the late replica voted for it').to.deep.include({ round: 1, blockId: proposal.obs!.blockId });
  });
});
