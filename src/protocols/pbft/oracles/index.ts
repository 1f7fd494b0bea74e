// PBFT's own oracles (pbft.md §9), run alongside the generic ones of src/exec/oracles. A new oracle is
// a new file here plus one line below; its id is stable once shipped.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { PbftObservation } from '../observations.js';
import { certificateSigners } from './certificate-signers.js';
import { checkpointProof } from './checkpoint-proof.js';
import { commitKeepsSeq } from './commit-keeps-seq.js';
import { seqAgreement } from './seq-agreement.js';

export const PBFT_ORACLES: readonly OracleDef<PbftObservation>[] = Object.freeze([
  seqAgreement, commitKeepsSeq, checkpointProof, certificateSigners,
]);
