// Public API of the DiemBFT v4 replica.
export type * from './protocol.js';
export type * from './types.js';
export { diemProtocol, roundTag } from './diem-protocol.js';
export { DiemReplica } from './replica.js';
export { BUG_CATALOGUE, BUG_NAMES, CORRECT_RULES, UnknownBugError, quorumSize, rulesFor, thresholds,
  type BugSpec, type CommitRule, type QuorumRule, type Rules } from './bugs.js';
export { checkCert, type CertCheck } from './check-cert.js';
export { cryptoFor, Ed25519Crypto, MockCrypto, type Crypto, type CryptoKind } from './crypto.js';
export { genesisFor, isGenesisQc, type Genesis } from './genesis.js';
export { H, lciHash, voteInfoHash, recomputedBlockId } from './hash.js';
export { higher, isCommitQc, rnd, txnKey } from './types.js';
export type { ChainEntry } from './ledger.js';
