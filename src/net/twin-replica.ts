// One replica process of a network Twins run (docs/network.md, "Network Twins"): the run
// (./net-twins-run.ts) starts one process per replica (src/cli/twin-replica.ts) and talks to it over
// the IPC channel of child_process.fork. The process compiles the scenario itself, by the code the
// simulator uses (the replica context, the Twins policy and the failure rules of its own sends), runs
// one TwinHost, and reports what the run follows: its port, its links, each round it enters, a crash
// of its code, and its longest stall. It exits when asked to stop, and when the run's
// process goes away.
import { join } from 'node:path';
import { composePolicies } from '../kernel/fate.js';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import type { Scenario } from '../scenario/types.js';
import { withRunOptions, type RunOptionsInput } from '../exec/exec-options.js';
import { withScenarioTiming } from '../exec/scenario-timing.js';
import { compileScenario } from '../exec/twins-setup.js';
import { compileRules } from '../exec/rule-setup.js';
import { ClientWatch } from '../exec/client-watch.js';
import { loadOrCreateKey } from './keys.js';
import { RunClock, TwinHost } from './twin-host.js';

/** Everything a replica process needs, sent first. */
export interface ReplicaInit {
  readonly t: 'init';
  readonly scenario: Scenario;
  readonly options: RunOptionsInput;
  readonly replica: number;
  readonly tickMs: number;
  /** The replica's folder: `store.json`, `events.jsonl`, `ledger.jsonl`. */
  readonly dir: string;
  /** Where each identity's node key is (`identity-<j>/node-key.json`). */
  readonly keysDir: string;
  /** Each identity's public key, by identity. */
  readonly publicKeys: readonly string[];
  /** The loopback port to listen on (0: any free one). */
  readonly port: number;
  /** The round at which the scenario crashes this replica, or null (./twin-host.ts). */
  readonly crashAt: number | null;
  /** True when the run has healed already: no partition, drop or rule applies. */
  readonly healed: boolean;
  /**
   * A restart: the run's start instant (RunClock.now() as a decimal string) and every replica's
   * port. The process starts its replica from its Store as soon as it listens.
   */
  readonly resume: { readonly t0: string; readonly ports: readonly number[] } | null;
}

export type ToReplica = ReplicaInit
  | { readonly t: 'connect'; readonly ports: readonly number[] }
  | { readonly t: 'start'; readonly t0: string }
  | { readonly t: 'heal' }
  | { readonly t: 'stop' };

export type FromReplica =
  | { readonly t: 'ready' }
  | { readonly t: 'listening'; readonly port: number }
  | { readonly t: 'linked' }
  /** A restart's replica has started. */
  | { readonly t: 'started' }
  | { readonly t: 'round'; readonly round: number }
  | { readonly t: 'crash'; readonly error: string }
  | { readonly t: 'stopped'; readonly maxStallMs: number }
  | { readonly t: 'failed'; readonly error: string };

/** The watchdog's period: how late it fires measures how long the event loop was held up. */
const WATCHDOG_MS = 10;
/** Attempts to listen on a restarted replica's port while the old process's socket is released. */
const LISTEN_TRIES = 100;

export interface ReplicaChannel {
  onMessage(listener: (msg: ToReplica) => void): void;
  /** The run's process is gone. */
  onDisconnect(listener: () => void): void;
  /** Sends `msg`; `sent` runs once it has left. */
  send(msg: FromReplica, sent?: () => void): void;
  exit(code: number): void;
}

/**
 * Serves the run over `channel` until it says stop: says `ready` once it listens to the channel (a
 * process started ahead as a spare waits there for the restart it will carry out).
 */
export function serveReplica(channel: ReplicaChannel): void {
  let host: TwinHost | null = null;
  let heal: (() => void) | null = null;
  let clock: RunClock | null = null;
  let maxStall = 0;
  let last = performance.now();
  const watchdog = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last - WATCHDOG_MS);
    last = now;
  }, WATCHDOG_MS);
  const fail = (err: unknown): void => {
    channel.send({ t: 'failed', error: err instanceof Error ? err.message : String(err) }, () => channel.exit(1));
  };
  channel.onDisconnect(() => channel.exit(0));
  channel.onMessage((msg) => {
    switch (msg.t) {
      case 'init': {
        const setup = setUp(msg, channel);
        host = setup.host;
        heal = setup.heal;
        clock = setup.clock;
        const h = host;
        void listenOn(h, msg.port).then((port) => {
          channel.send({ t: 'listening', port });
          if (msg.resume === null) return;
          setup.clock.begin(BigInt(msg.resume.t0));
          void h.connect(msg.resume.ports);
          h.start();
          channel.send({ t: 'started' });
        }).catch(fail);
        return;
      }
      case 'connect':
        void host!.connect(msg.ports).then(() => channel.send({ t: 'linked' }));
        return;
      case 'start': {
        clock!.begin(BigInt(msg.t0));
        const h = host!;
        setTimeout(() => h.start(), clock!.msUntil(0));
        return;
      }
      case 'heal':
        heal!();
        return;
      case 'stop':
        clearInterval(watchdog);
        void (host?.stop() ?? Promise.resolve()).then(() => {
          channel.send({ t: 'stopped', maxStallMs: Math.round(maxStall) }, () => channel.exit(0));
        }).catch(fail);
        return;
    }
  });
  channel.send({ t: 'ready' });
}

function setUp(init: ReplicaInit, channel: ReplicaChannel): { host: TwinHost; heal: () => void; clock: RunClock } {
  const { scenario, replica } = init;
  const opts = withScenarioTiming(withRunOptions(init.options), scenario);
  const protocol = protocolNamed(opts.protocol ?? scenario.protocol ?? DEFAULT_PROTOCOL);
  const c = compileScenario(scenario, protocol);
  const rules = compileRules(scenario, protocol, c.replicas, c.leaderOf, opts.seed, opts.crypto);
  const services = new ClientWatch(scenario, opts, c.replicas.map((r) => r.name), protocol.thresholds(c.n).f);
  const clock = new RunClock(init.tickMs);
  const identity = c.replicas[replica]!.identity;
  const host = new TwinHost<unknown>({
    module: protocol, replica, identityOf: c.replicas.map((x) => x.identity),
    context: { n: c.n, marker: c.replicas[replica]!.marker, chainSeed: opts.seed, crypto: opts.crypto, bugs: services.protocolBugs,
      roundTimeoutTicks: opts.roundTimeoutTicks, leaderOverride: c.leaderOf, service: services.running,
      options: { ...protocol.options.defaults, ...opts.protocolOptions } },
    policy: rules === null ? c.schedule : composePolicies<unknown>(c.schedule, rules.policy),
    clock, dir: init.dir, key: loadOrCreateKey(join(init.keysDir, `identity-${identity}`)), publicKeys: init.publicKeys,
    crashAt: init.healed ? null : init.crashAt,
    onRound: (round) => channel.send({ t: 'round', round }),
    onCrash: (error) => channel.send({ t: 'crash', error }),
  });
  const healPolicies = (): void => {
    c.schedule.heal();
    rules?.policy.heal();
  };
  if (init.healed) healPolicies();
  return {
    host, clock,
    heal: () => {
      healPolicies();
      host.heal();
    },
  };
}

/** Listens on `port`; a fixed port (a restart's) may still be held for a moment by the killed process. */
async function listenOn(host: TwinHost, port: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await host.listen(port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || attempt >= LISTEN_TRIES) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
