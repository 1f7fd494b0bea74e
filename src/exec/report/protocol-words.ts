// The words a finding's timeline and legend are drawn with, from its protocol's module: the module's
// vocabulary (src/kernel/vocabulary.ts) and the message kinds a `byType` partition names.
import { tailUnitOf, type TailUnit } from '../../kernel/protocol-module.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../../kernel/vocabulary.js';
import { DEFAULT_PROTOCOL, findProtocol } from '../../protocols/registry.js';

export interface ProtocolWords {
  /** The protocol's registry name. */
  readonly protocol: string;
  readonly vocabulary: Vocabulary;
  /** The kinds a scenario round may partition separately (`byType`), one timeline stripe each. */
  readonly partitionKinds: readonly string[];
  /** What the GST tail counts: rounds or commits. */
  readonly tailUnit: TailUnit;
}

export const DEFAULT_WORDS: ProtocolWords = wordsOf(DEFAULT_PROTOCOL);

/** The words of protocol `name`; an unknown name is drawn with the default protocol's words. */
export function wordsOf(name: string): ProtocolWords {
  const m = findProtocol(name) ?? findProtocol(DEFAULT_PROTOCOL)!;
  return { protocol: m.name, vocabulary: m.vocabulary ?? DEFAULT_VOCABULARY, partitionKinds: m.partitionKinds,
    tailUnit: tailUnitOf(m) };
}

/** The protocol a finding ran: its options' `protocol`, else its scenario's, else the default. */
export function findingProtocol(options: object, scenario: unknown): string {
  const fromOptions = (options as { protocol?: unknown }).protocol;
  if (typeof fromOptions === 'string') return fromOptions;
  const fromScenario = (scenario as { protocol?: unknown } | null)?.protocol;
  return typeof fromScenario === 'string' ? fromScenario : DEFAULT_PROTOCOL;
}
