// The DiemBFT v4 replica (diembft-v4 §4) as a pure state machine: `step(input) -> outputs`. It
// composes Ledger, BlockTree, Safety, Pacemaker, LeaderElection and Mempool, and runs validation
// (§13) and sync (§11) before any handler sees a message. Handlers follow the spec's call order. Sync
// is a message exchange: a message that references unknown blocks waits for the sender's answer.
import { BlockTree } from './block-tree.js';
import { rulesFor, thresholds, type Rules } from './bugs.js';
import { CertTracker } from './accepted-cert-log.js';
import { validatorFor, type CertValidator } from './certificate-rules.js';
import { cryptoFor } from '../../kernel/crypto.js';
import { ReplyBook } from './client-replies.js';
import { genesisFor, type Genesis } from './genesis.js';
import { lciHash } from './hash.js';
import { LeaderElection } from './leader-election.js';
import { Ledger, type ChainEntry } from './ledger.js';
import { Mempool } from './mempool.js';
import { validateMessage } from './message-validation.js';
import { Outbox, short } from './outbox.js';
import { Pacemaker } from './pacemaker.js';
import { chainOf, isRestart, pendingBlocksOf, loadConsensus, loadSafety, saveConsensus, type ConsensusRecord } from './persistence.js';
import type { Service } from '../../kernel/service.js';
import type { ClientTxn, NodeId, Replica, ReplicaInput, ReplicaOptions, ReplicaOutput, Store } from './protocol.js';
import { Safety } from './safety.js';
import { SyncWaits } from './block-sync.js';
import { blocksFor, missingBlocks, syncMessage, type BlockFetcher } from './sync.js';
import { rnd, roundOf, type ConsensusMessage, type DiemMessage, type ProposalMsg, type QC, type Round,
  type SyncRequestMsg, type SyncResponseMsg, type TC, type TimeoutMsg, type VoteMsg } from './types.js';
import type { DiemAttribute } from './attributes.js';
import { unreachable } from '../../kernel/unreachable.js';

/** [C] Largest number of client transactions in one proposal (§10 cfg.maxBatch). */
const MAX_BATCH = 100;

/** The fetch of a message handled before any sync response: nothing fetched. */
const FETCH_NOTHING: BlockFetcher = () => null;

/** Most blocks one sync request may ask for; a message references at most four. */
const MAX_SYNC_IDS = 8;

/** The round of a QC's block, or null for none. */
const qcRoundOf = (qc: QC | null): Round | null => (qc === null ? null : rnd(qc));

export class DiemReplica implements Replica<DiemMessage> {
  readonly me: NodeId;
  readonly rules: Rules;
  private readonly out = new Outbox();
  private readonly genesis: Genesis;
  private readonly certs: CertValidator;
  private readonly ledger: Ledger;
  private readonly tree: BlockTree;
  private readonly safety: Safety;
  private readonly pacemaker: Pacemaker;
  private readonly election: LeaderElection;
  private readonly mempool: Mempool;
  private readonly tracker: CertTracker;
  /** Messages waiting for the blocks they reference (§11). */
  private readonly waits = new SyncWaits();
  private lastProposedRound: Round = 0;
  private started = false;
  /** What persist() writes to the Store; set there at the first persist of this replica. */
  private readonly consensus: ConsensusRecord;
  private readonly service: Service;
  /** Signed client replies (./client-replies.ts). */
  private readonly replyBook: ReplyBook;
  /** Ledger.pendingState for Safety, made once rather than per proposal. */
  private readonly pendingState = (id: string): string | null => this.ledger.pendingState(id);

  /** Throws UnknownBugError for an unknown bug name. */
  constructor(options: ReplicaOptions, private readonly store: Store) {
    this.me = options.id;
    this.rules = rulesFor(options.bugs);
    this.genesis = genesisFor(options.chainSeed);
    const crypto = cryptoFor(options.crypto, options.chainSeed);
    this.service = options.service;
    this.replyBook = new ReplyBook(options.service, crypto, this.me, (r) => this.out.reply(r));
    this.certs = validatorFor(options.n, crypto, this.genesis, this.rules);
    const { f } = thresholds(options.n);
    const restored = loadConsensus(store);
    this.ledger = new Ledger(chainOf(store), this.genesis, options.service, pendingBlocksOf(store), this.rules.dedupRequests);
    this.safety = new Safety(this.me, this.certs, this.rules, store, loadSafety(store));
    this.tree = new BlockTree({
      me: this.me, ledger: this.ledger, rules: this.rules, qcQuorum: this.certs.qcQuorum,
      signQcAuthor: (sigs) => this.safety.signQcAuthor(sigs),
      onCommit: (entry, height) => this.onCommit(entry, height),
      onAlarm: (detail) => this.out.alarm(detail),
    }, restored?.highQc ?? this.genesis.qc, restored?.highCommitQc ?? null);
    this.pacemaker = new Pacemaker({
      out: this.out, safety: this.safety, tree: this.tree, f, tcQuorum: this.certs.tcQuorum,
      countDistinctSigners: this.rules.countDistinctSigners, joinAt: this.rules.timeoutJoinAt === 'one' ? 1 : f + 1,
      tcEntryNeedsCurrentRound: this.rules.tcEntryNeedsCurrentRound, roundTimeoutTicks: options.roundTimeoutTicks,
      retransmitTimeouts: options.retransmitTimeouts, persist: () => this.persist(),
    });
    this.pacemaker.lastRoundTc = restored?.lastRoundTc ?? null;
    this.election = new LeaderElection({
      n: options.n, mode: options.leaderElection, leaderOverride: options.leaderOverride,
      committedBlock: (id) => this.ledger.committedBlock(id), windowSize: options.n, excludeSize: f,
    });
    this.mempool = new Mempool(options.marker, MAX_BATCH, this.rules.dedupRequests);
    this.tracker = new CertTracker(this.genesis, this.out);
    this.consensus = { currentRound: 0, lastProposedRound: 0, lastRoundTc: null, highQc: this.genesis.qc, highCommitQc: null };
  }

  /** A Byzantine process fault (./attributes.ts): overwrites one attribute of this replica's state. */
  setAttribute(name: DiemAttribute, value: Round): void {
    if (name === 'current-round') {
      this.pacemaker.currentRound = value;
      this.persist();
    } else {
      this.safety.overwrite(name, value);
    }
  }

  step(input: ReplicaInput<DiemMessage>): readonly ReplicaOutput<DiemMessage>[] {
    const roundBefore = this.pacemaker.currentRound;
    switch (input.kind) {
      case 'start': this.start(); break;
      case 'timer': if (this.started) this.pacemaker.onTimer(input.round); break;
      case 'client': this.onClient(input.txn); break;
      case 'message': if (this.started) this.onMessage(input.from, input.msg); break;
      default: unreachable(input);
    }
    if (this.pacemaker.currentRound !== roundBefore) this.tree.gcVotes(this.pacemaker.currentRound);
    return this.out.drain();
  }


  /**
   * [C] start (§4): round 1 on GENESIS_QC, leader(1) proposes. On restart from a non-empty Store
   * (§12): currentRound = max(persisted currentRound, highestVoteRound), never propose in it again,
   * and arm the timer.
   */
  private start(): void {
    if (this.started) return;
    this.started = true;
    if (isRestart(this.store)) {
      const r = this.rules.restartAtPersistedRound
        ? Math.max(loadConsensus(this.store)?.currentRound ?? 1, this.safety.highestVoteRound, 1)
        : rnd(this.tree.highQc) + 1;
      this.lastProposedRound = r;
      this.pacemaker.startTimer(r, 'start');
      return;
    }
    this.pacemaker.startTimer(1, 'start');
    this.tryPropose();
  }

  /** A client request: answered from the stored reply when it already committed, else into the mempool. */
  private onClient(t: ClientTxn): void {
    if (this.rules.dedupRequests && this.replyBook.answerAgain(t)) return;
    this.mempool.add(t);
  }

  private onMessage(from: NodeId, msg: DiemMessage): void {
    switch (msg.kind) {
      case 'sync-request': return this.onSyncRequest(from, msg);
      case 'sync-response': return this.onSyncResponse(from, msg);
      default: return this.onConsensus(from, msg, null);
    }
  }

  /**
   * §13 validation, then §11 sync, then the handler. Without `fetched` (a message just delivered), a
   * message that references unknown blocks waits while they are asked of its sender; with it (the
   * blocks of the sender's answer), they are inserted first.
   */
  private onConsensus(from: NodeId, msg: ConsensusMessage, fetched: BlockFetcher | null): void {
    const bad = validateMessage(msg, from, this.certs, this.pacemaker.currentRound);
    if (bad !== null) {
      this.out.reject(bad.what, bad.detail);
      return;
    }
    if (fetched === null) {
      const missing = missingBlocks(msg, this.ledger);
      if (missing.length > 0) return this.requestBlocks(from, msg, missing);
    }
    const synced = syncMessage(msg, fetched ?? FETCH_NOTHING, this.ledger);
    if (synced.kind === 'reject') this.out.reject(synced.what, synced.detail);
    if (synced.kind === 'alarm') this.out.alarm(synced.detail);
    if (synced.kind !== 'ok') return;
    this.tracker.noteMessage(msg);
    switch (msg.kind) {
      case 'proposal': return this.onProposal(msg, from);
      case 'vote': return this.onVote(msg);
      case 'timeout': return this.onTimeout(msg);
      default: return unreachable(msg);
    }
  }

  /** §11: `msg` waits while its sender is asked for the blocks `ids`. */
  private requestBlocks(from: NodeId, msg: ConsensusMessage, ids: readonly string[]): void {
    const given = this.waits.wait(from, msg, ids);
    if (given !== null) {
      this.out.reject('sync.unavailable', `block ${short(given.ids[0]!)} never arrived from ${given.from}; `
        + `${this.waits.size} newer messages wait`);
    }
    const request: SyncRequestMsg = Object.freeze({ kind: 'sync-request', round: roundOf(msg), ids: Object.freeze([...ids]),
      tipId: this.ledger.tip().block.id });
    this.out.send(from, request);
  }

  /** §11 serving: the blocks asked for that this replica holds, with their ancestors; nothing if none. */
  private onSyncRequest(from: NodeId, req: SyncRequestMsg): void {
    if (!Array.isArray(req.ids) || req.ids.length > MAX_SYNC_IDS || !req.ids.every((id) => typeof id === 'string')
      || typeof req.tipId !== 'string') {
      return this.out.reject('sync.malformed', `request from ${from} is not a list of at most ${MAX_SYNC_IDS} block ids`);
    }
    const blocks = blocksFor(req.ids, req.tipId, this.ledger);
    if (blocks.length === 0) return;
    const response: SyncResponseMsg = Object.freeze({ kind: 'sync-response', round: req.round, ids: req.ids,
      blocks: Object.freeze(blocks) });
    this.out.send(from, response);
  }

  /** §11: the messages waiting for these blocks from this sender are handled now, in arrival order. */
  private onSyncResponse(from: NodeId, res: SyncResponseMsg): void {
    if (!Array.isArray(res.blocks)) return this.out.reject('sync.malformed', `response from ${from} holds no block list`);
    const { ready, fetch } = this.waits.release(from, res);
    for (const w of ready) this.onConsensus(w.from, w.msg, fetch);
  }

  /** §4 ingestQc (paper: process_certificate_qc); argument and call order are normative (§9). */
  private ingestQc(qc: QC | null): void {
    if (qc === null) return;
    this.tree.processQc(qc);
    this.election.updateLeaders(qc, this.pacemaker.currentRound);
    this.pacemaker.advanceRoundQc(qc);
  }

  /** §4 onProposal (paper: process_proposal_msg). */
  private onProposal(p: ProposalMsg, from: NodeId): void {
    const b = p.block;
    this.ingestQc(b.qc);
    this.ingestQc(p.highCommitQc);
    this.pacemaker.advanceRoundTc(p.lastRoundTc);
    if (!this.rules.blockRoundJustified) this.pacemaker.enterBlockRound(b.round);
    const r = this.pacemaker.currentRound;
    const leader = this.election.getLeader(r);
    if (b.round !== r) return this.out.reject('proposal.round', `block round ${b.round} != current round ${r}`);
    if (from !== leader) return this.out.reject('proposal.leader', `sender ${from} != leader ${leader} of round ${r}`);
    if (b.author !== leader) return this.out.reject('proposal.leader', `author ${b.author} != leader ${leader} of round ${r}`);
    if (!this.tree.executeAndInsert(b)) {
      return this.out.reject('proposal.parent', `parent ${short(b.qc!.voteInfo.id)} of ${short(b.id)} is not pending`);
    }
    if (this.rules.replyAt === 'execution') this.replyAtExecution(b.id);
    const signed = this.safety.makeVote(b, p.lastRoundTc, this.pendingState, this.tree.highCommitQc);
    if (!signed.ok) return this.out.reject('vote.refused', signed.reason);
    const vote = signed.value;
    const to = this.election.getLeader(r + this.rules.voteRecipientRoundOffset);
    const vi = vote.voteInfo;
    this.out.observe({ type: 'vote', round: vi.round, blockId: vi.id, parentId: vi.parentId, parentRound: vi.parentRound,
      qcRound: rnd(b.qc!), commitStateId: vote.ledgerCommitInfo.commitStateId,
      lciHash: lciHash(vote.ledgerCommitInfo), blockAuthor: b.author!, to, highCommitQcRound: qcRoundOf(vote.highCommitQc) });
    this.out.send(to, vote);
  }

  /** §4 onVote (paper: process_vote_msg). */
  private onVote(v: VoteMsg): void {
    this.out.observe({ type: 'vote-received', round: v.voteInfo.round, sender: v.sender, blockId: v.voteInfo.id,
      lciHash: lciHash(v.ledgerCommitInfo) });
    const qc = this.tree.processVote(v);
    if (qc === null) return;
    this.out.observe({ type: 'qc-formed', round: rnd(qc), blockId: qc.voteInfo.id, cert: qc });
    this.ingestQc(qc);
    this.tryPropose();
  }

  /** §4 onTimeout (paper: process_timeout_msg). */
  private onTimeout(m: TimeoutMsg): void {
    this.ingestQc(m.tmoInfo.highQc);
    this.ingestQc(m.highCommitQc);
    this.pacemaker.advanceRoundTc(m.lastRoundTc);
    // Observed once the message's certificates have moved the round: the round the timeout is counted in.
    this.out.observe({ type: 'timeout-received', round: m.tmoInfo.round, sender: m.tmoInfo.sender });
    const tc = this.pacemaker.processRemoteTimeout(m);
    if (tc === null) return;
    this.out.observe({ type: 'tc-formed', round: tc.round, cert: tc });
    this.pacemaker.advanceRoundTc(tc);
    this.tryPropose();
  }

  /** §4 tryPropose (paper: process_new_round_event), with the [C] once-per-round and well-formedness guards. */
  private tryPropose(): void {
    const r = this.pacemaker.currentRound;
    if (this.election.getLeader(r) !== this.me || r <= this.lastProposedRound) return;
    const hq = this.tree.highQc;
    let tc: TC | null = null;
    if (rnd(hq) + 1 !== r) {
      tc = this.pacemaker.lastRoundTc;
      if (tc === null || tc.round + 1 !== r) return;
    }
    const txns = this.mempool.getTransactions(() => this.tree.branchTxnKeys(hq.voteInfo.id), r);
    const block = this.tree.generateBlock(txns, r);
    this.lastProposedRound = r;
    this.persist();
    const msg: ProposalMsg = Object.freeze({ kind: 'proposal', block, lastRoundTc: tc,
      highCommitQc: this.tree.highCommitQc, signature: this.safety.signProposal(block) });
    this.out.observe({ type: 'propose', round: r, blockId: block.id, parentId: hq.voteInfo.id, qcRound: rnd(hq),
      tcRound: tc === null ? null : tc.round, highCommitQcRound: qcRoundOf(msg.highCommitQc) });
    this.out.broadcast(msg);
  }

  private onCommit(entry: ChainEntry, height: number): void {
    const b = entry.block;
    this.mempool.onCommit(b);
    this.out.observe({ type: 'commit', height, blockId: b.id, round: b.round, stateId: entry.state,
      author: b.author, parentId: b.qc === null ? b.id : b.qc.voteInfo.id, requests: b.payload,
      results: entry.results ?? [], serviceDigest: this.service.digest(entry.app) });
    if (this.rules.replyAt === 'commit') this.replyBook.onCommit(entry, height);
  }

  /** Bug reply_at_execution: replies for a block as soon as it is executed, at the height it would commit at. */
  private replyAtExecution(id: string): void {
    const pending = this.ledger.speculativeEntry(id);
    if (pending !== null) this.replyBook.onCommit(pending.entry, pending.height);
  }

  /** §12 saveConsensus: the record is this replica's own and written in place, many times a run. */
  private persist(): void {
    const c = this.consensus;
    c.currentRound = this.pacemaker.currentRound;
    c.lastProposedRound = this.lastProposedRound;
    c.lastRoundTc = this.pacemaker.lastRoundTc;
    c.highQc = this.tree.highQc;
    c.highCommitQc = this.tree.highCommitQc;
    saveConsensus(this.store, c);
  }

  // Read-only views for tests and diagnostics; the simulator uses only step.
  get currentRound(): Round { return this.pacemaker.currentRound; }
  get highQc(): QC { return this.tree.highQc; }
  get highCommitQc(): QC | null { return this.tree.highCommitQc; }
  get highestVoteRound(): Round { return this.safety.highestVoteRound; }
  committedChain(): readonly ChainEntry[] { return this.ledger.committedChain(); }
  leaderOf(round: Round): NodeId { return this.election.getLeader(round); }
}
