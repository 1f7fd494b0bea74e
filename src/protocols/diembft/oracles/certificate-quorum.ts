// safety.certificate-quorum (diembft-v4 §16.3 O3): every QC or TC an honest replica assembles or
// accepts has at least 2f+1 distinct valid signers, verifies over its own content and is well formed
// (a QC's author signature, a TC's reported rounds: ../offline-cert-check.ts). Checked
// independently of the replica's own validation, with the correct quorum, so a weakened quorum or
// a per-message count inside the replica cannot hide from it.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { checkCert } from '../offline-cert-check.js';

type CertVerdict = { ok: boolean; reason: string };

/**
 * Verdicts per certificate object. Certificates are immutable and may be shared between runs (equal
 * content is one object), and a verdict depends on the run's n, crypto kind and chain seed too, so
 * there is one table per (n, crypto, chain seed); only the latest few are kept.
 */
const verdictCaches = new Map<string, WeakMap<object, CertVerdict>>();
const MAX_VERDICT_CACHES = 16;

function verdictCacheFor(n: number, crypto: string, chainSeed: string): WeakMap<object, CertVerdict> {
  const key = `${n}|${crypto}|${chainSeed}`;
  let cache = verdictCaches.get(key);
  if (cache === undefined) {
    if (verdictCaches.size >= MAX_VERDICT_CACHES) verdictCaches.clear();
    verdictCaches.set(key, (cache = new WeakMap()));
  }
  return cache;
}

export const certificateQuorum: OracleDef<Observation> = {
  id: 'safety.certificate-quorum',
  kind: 'safety',
  description: 'Every certificate an honest replica forms or accepts has 2f+1 distinct valid signers and is well formed.',
  observes: ['qc-formed', 'tc-formed', 'cert-accepted'],
  create(ctx) {
    let reported = false;
    const verdictCache = verdictCacheFor(ctx.n, ctx.crypto, ctx.chainSeed);
    const check = (cert: unknown, certKind: 'qc' | 'tc'): CertVerdict => {
      if (typeof cert !== 'object' || cert === null) return { ok: false, reason: 'not a certificate' };
      const cached = verdictCache.get(cert);
      if (cached !== undefined) return cached;
      const r = checkCert(cert, certKind, ctx.n, ctx.crypto, ctx.chainSeed);
      const v = r.ok ? { ok: true, reason: '' } : { ok: false, reason: r.reason };
      verdictCache.set(cert, v);
      return v;
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        let certKind: 'qc' | 'tc';
        let how: string;
        if (obs.type === 'qc-formed') { certKind = 'qc'; how = 'formed'; }
        else if (obs.type === 'tc-formed') { certKind = 'tc'; how = 'formed'; }
        else if (obs.type === 'cert-accepted') { certKind = obs.certKind; how = 'accepted'; }
        else return;
        const v = check(obs.cert, certKind);
        if (v.ok) return;
        reported = true;
        ctx.report({
          oracle: 'safety.certificate-quorum', round: obs.round, tick, replicas: [replica.name],
          detail: `${replica.name} ${how} a ${certKind.toUpperCase()} for round ${obs.round} that is invalid: ${v.reason}`,
        });
      },
    };
  },
};
