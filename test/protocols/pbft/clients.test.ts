// PBFT serves the SMR layer's clients (docs/services.md): requests from the wallet workloads reach
// every replica, the primary orders them, every replica executes them in sequence order through the
// service and sends signed replies through the reply path; clients accept with f+1 matching replies.
//
// Setup:  scenarios/wallet_lost_replies.json run as PBFT (its replies to c1 lost while in view 0 of
//         the script, so c1 retransmits requests that already ran).
// Expect: the run passes the generic and service oracles; every client finishes its workload; a
//         retransmitted request is answered from the stored reply and runs once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runScenario } from '../../../src/exec/run-scenario.js';
import { parseScenarioText } from '../../../src/scenario/validate.js';
import { ROOT } from '../../cli/run-cli.js';

describe('PBFT with the SMR clients (docs/services.md)', () => {
  it('wallet workloads complete with signed replies, and a retransmitted request runs once', () => {
    const path = join(ROOT, 'scenarios', 'wallet_lost_replies.json');
    const scenario = parseScenarioText(JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')) as object, protocol: 'pbft' }), path);
    const r = runScenario(scenario, {}, { trace: true });
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    const client = (r.trace ?? []).flatMap((e) => (e.type === 'client' ? [e] : []));
    expect(client.filter((e) => e.what === 'done').map((e) => e.client).sort()).to.deep.equal(['c1', 'c2', 'c3', 'c4']);
    const c1 = client.filter((e) => e.client === 'c1');
    expect(c1.filter((e) => e.what === 'send' && e.seq === 1 && e.detail.startsWith('retransmission')).length,
      'c1 sent request 1 again while its replies were lost').to.be.at.least(2);
    // Request 1 ran at height 2; the stored reply answers every retransmission with that height.
    expect(c1.find((e) => e.what === 'accept' && e.seq === 1)?.detail).to.match(/^'ok' at height 2 from identities/);
  });
});
