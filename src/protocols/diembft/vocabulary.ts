// DiemBFT's words for reports and timelines (src/kernel/vocabulary.ts): rounds, leaders, proposals
// of blocks, votes, QCs and TCs, timeouts, commits at a height. They are the kernel's default words.
import { DEFAULT_VOCABULARY, type Vocabulary } from '../../kernel/vocabulary.js';

export const DIEM_VOCABULARY: Vocabulary = DEFAULT_VOCABULARY;
