// Request deduplication (docs/services.md): a service wrapped so that each request, named by
// (client, request number), runs once. The first time a key is seen the request goes to the wrapped
// service and its reply is stored; a request with a key already seen (a client's retransmission, or
// a request a leader proposes again) leaves the state as it is and gets the stored reply again.
import type { ClientTxn } from '../kernel/actor.js';
import { H } from '../kernel/hash.js';
import type { Service, ServiceResult } from '../kernel/service.js';

export interface DedupState<S> {
  /** The wrapped service's state. */
  readonly inner: S;
  /** `client/seq` -> the reply the request got when it ran. */
  readonly replies: ReadonlyMap<string, string>;
}

export interface DedupService<S> extends Service<DedupState<S>> {
  readonly inner: Service<S>;
  /** The reply stored for the request's (client, request number), or undefined if it never ran. */
  storedReply(state: DedupState<S>, request: ClientTxn): string | undefined;
}

export function requestKey(t: ClientTxn): string {
  return `${t.client}/${t.seq}`;
}

/** One wrapper per wrapped service, so every replica of a run shares it (and its execution memo). */
const wrappers = new WeakMap<Service<unknown>, DedupService<unknown>>();

/** `inner` with requests deduplicated by (client, request number). */
export function deduplicated<S>(inner: Service<S>): DedupService<S> {
  const known = wrappers.get(inner as Service<unknown>);
  if (known !== undefined) return known as DedupService<S>;
  const initial: DedupState<S> = Object.freeze({ inner: inner.initial(), replies: new Map<string, string>() });
  const wrapper: DedupService<S> = Object.freeze({
    name: inner.name,
    inner,
    initial: () => initial,
    apply: (s: DedupState<S>, t: ClientTxn) => applyOnce(inner, s, t),
    digest: (s: DedupState<S>) => dedupDigest(inner, s),
    storedReply: (s: DedupState<S>, t: ClientTxn) => s.replies.get(requestKey(t)),
    ...(inner.invariants === undefined ? {} : {
      invariants: (b: DedupState<S>, t: ClientTxn, a: DedupState<S>) => inner.invariants!(b.inner, t, a.inner),
    }),
  });
  wrappers.set(inner as Service<unknown>, wrapper as DedupService<unknown>);
  return wrapper;
}

function applyOnce<S>(inner: Service<S>, s: DedupState<S>, t: ClientTxn): ServiceResult<DedupState<S>> {
  const key = requestKey(t);
  const stored = s.replies.get(key);
  if (stored !== undefined) return { state: s, reply: stored };
  const r = inner.apply(s.inner, t);
  return { state: Object.freeze({ inner: r.state, replies: new Map(s.replies).set(key, r.reply) }), reply: r.reply };
}

/** The wrapped digest and every stored reply, in key order. */
function dedupDigest<S>(inner: Service<S>, s: DedupState<S>): string {
  const replies = [...s.replies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return H(['dedup', inner.digest(s.inner), replies.length, ...replies.flat()]);
}
