// safety.vote-justified (diembft-v4 §7 voteAllowed, extendsViaTc): an honest replica votes for a block
// of round r only when the block's QC is of round r-1, or when it holds a TC of round r-1 (one it
// formed or accepted) none of whose reported high QC rounds is above the block's QC round. A vote
// that enters round r through a TC must not go below any high QC the TC reports, or a block certified
// in an earlier round could be left behind.
//
// The replica votes by the TC the proposal carries, which it accepted; holding some other TC of r-1
// with a lower report is enough for the oracle, so it never blames a vote the rule allows.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

/** The highest round a TC reports, or null when the certificate is not a TC with reported rounds. */
function highestReported(cert: unknown): number | null {
  const rounds = (cert as { tmoHighQcRounds?: unknown } | null)?.tmoHighQcRounds;
  if (!Array.isArray(rounds) || rounds.length === 0 || !rounds.every((r) => Number.isInteger(r))) return null;
  return Math.max(...(rounds as number[]));
}

export const voteJustified: OracleDef<Observation> = {
  id: 'safety.vote-justified',
  kind: 'safety',
  description: 'An honest replica votes only for a block that follows its QC, or enters through a TC of the round before without going below a high QC the TC reports.',
  observes: ['tc-formed', 'cert-accepted', 'vote'],
  create(ctx) {
    /** By replica index, then by TC round: the lowest highest-reported round among the TCs it holds. */
    const lowest: Map<number, number>[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const held = (lowest[replica.index] ??= new Map());
        if (obs.type === 'tc-formed' || (obs.type === 'cert-accepted' && obs.certKind === 'tc')) {
          const high = highestReported(obs.cert);
          if (high !== null && high < (held.get(obs.round) ?? Infinity)) held.set(obs.round, high);
          return;
        }
        if (obs.type !== 'vote' || obs.qcRound + 1 === obs.round) return;
        const high = held.get(obs.round - 1);
        if (high !== undefined && obs.qcRound >= high) return;
        reported = true;
        ctx.report({ oracle: 'safety.vote-justified', round: obs.round, tick, replicas: [replica.name],
          detail: `${replica.name} voted in round ${obs.round} for block ${obs.blockId.slice(0, 8)} on a QC of round ` +
            `${obs.qcRound}, ${high === undefined ? `holding no TC of round ${obs.round - 1}`
              : `below the high QC round ${high} reported by every TC of round ${obs.round - 1} it holds`}` });
      },
    };
  },
};
