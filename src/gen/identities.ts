// Who is in a generated scenario: identity names, which are twinned, the replicas in replicasOf
// order, the quorum size and the eligible leaders. Everything downstream works on replica *indices*
// into `replicas`, so names are built once here.
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import { replicasOf, identityOf } from '../scenario/types.js';
import type { GeneratorConfig, LeaderChoice } from './config.js';
import { unreachable } from '../kernel/unreachable.js';

export const MAX_NODES = 26;

export interface Cast {
  readonly nodes: readonly string[];
  readonly twins: readonly string[];
  readonly honest: readonly string[];
  /** Every replica in replicasOf order: a, a', b, c, ... */
  readonly replicas: readonly string[];
  /** Index in `nodes` of each replica's identity. */
  readonly identityIndex: readonly number[];
  /** Replicas per identity, in `nodes` order (2 for a twinned identity, else 1). */
  readonly copies: readonly number[];
  /** The protocol's fault threshold for n identities. */
  readonly f: number;
  /** Distinct identities a certificate needs: the protocol's own quorum formula (its module's `thresholds`). */
  readonly quorum: number;
  /** Identities that may lead a scripted round, in `nodes` order. */
  readonly leaders: readonly string[];
}

/** Identity i is the i-th lower-case letter. */
export function identityName(i: number): string {
  return String.fromCharCode(97 + i);
}

export function castOf(config: Pick<GeneratorConfig, 'nodes' | 'twins' | 'leaders' | 'protocol'>): Cast {
  const nodes = Array.from({ length: config.nodes }, (_, i) => identityName(i));
  const twins = nodes.slice(0, config.twins);
  const honest = nodes.slice(config.twins);
  const replicas = replicasOf({ nodes, twins });
  const { f, quorum } = protocolNamed(config.protocol ?? DEFAULT_PROTOCOL).thresholds(config.nodes);
  return {
    nodes, twins, honest, replicas,
    identityIndex: replicas.map((r) => nodes.indexOf(identityOf(r))),
    copies: nodes.map((id) => (twins.includes(id) ? 2 : 1)),
    f,
    quorum,
    leaders: eligibleLeaders(nodes, twins, honest, config.leaders),
  };
}

function eligibleLeaders(nodes: readonly string[], twins: readonly string[], honest: readonly string[],
  choice: LeaderChoice): readonly string[] {
  switch (choice) {
    case 'faulty': return twins;
    case 'honest': return honest;
    case 'all': return nodes;
    default: return unreachable(choice);
  }
}

