// Cluster configs (docs/network.md, schemas/cluster-config.schema.json): the nodes' addresses, the
// protocol and service they run, the chain seed and the data folder. Node i keeps its files in
// `<dataDir>/node-<i>/`; `<dataDir>/public-keys.json` lists every node's public key, by id.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import { UserError } from '../scenario/errors.js';
import { parseJson } from '../scenario/json-syntax.js';
import { assertSchema } from '../scenario/schema-errors.js';
import { findProtocol, protocolNames } from '../protocols/registry.js';
import { SERVICE_NAMES } from '../services/registry.js';
import type { CryptoKind } from '../kernel/crypto.js';
import { loadOrCreateKey } from './keys.js';
import type { PeerAddress } from './node-host.js';
import type { ByzantineMode } from './byzantine.js';

/** A node of a cluster config: its address and how it misbehaves on purpose (`none` for honest). */
export interface ClusterNode extends PeerAddress {
  readonly byzantine: ByzantineMode;
  readonly byzantineSeed?: string;
}

export interface ClusterConfig {
  readonly file: string;
  readonly protocol: string;
  readonly service: string;
  readonly chainSeed: string;
  readonly crypto: CryptoKind;
  readonly tickMs: number;
  readonly roundTimeoutTicks: number;
  readonly maxFrameBytes: number;
  /** Absolute. */
  readonly dataDir: string;
  readonly nodes: readonly ClusterNode[];
}

const require = createRequire(import.meta.url);
let validator: ValidateFunction | null = null;

function validate(): ValidateFunction {
  if (validator === null) {
    const ajv = new Ajv2020({ allErrors: false, verbose: true, strict: true, useDefaults: true });
    validator = ajv.compile(require('../../../schemas/cluster-config.schema.json') as AnySchemaObject);
  }
  return validator;
}

/** The config in `file`, checked and with defaults filled; a UserError names the file and JSON path. */
export function loadClusterConfig(file: string, text: string): ClusterConfig {
  const value = parseJson(text, file);
  assertSchema(validate(), value, file);
  const v = value as Omit<ClusterConfig, 'file'>;
  if (findProtocol(v.protocol) === undefined) {
    throw new UserError(file, '$.protocol', `unknown protocol '${v.protocol}'; known: ${protocolNames().join(', ')}`);
  }
  if (!SERVICE_NAMES.includes(v.service)) {
    throw new UserError(file, '$.service', `unknown service '${v.service}'; known: ${SERVICE_NAMES.join(', ')}`);
  }
  const seen = new Map<string, number>();
  v.nodes.forEach((nd, i) => {
    const at = `${nd.host}:${nd.port}`;
    if (seen.has(at)) throw new UserError(file, `$.nodes[${i}]`, `address ${at} is also node ${seen.get(at)}'s`);
    seen.set(at, i);
  });
  return { ...v, file, dataDir: resolve(dirname(file), v.dataDir) };
}

export function nodeDir(c: ClusterConfig, id: number): string {
  return join(c.dataDir, `node-${id}`);
}

export function publicKeysFile(c: ClusterConfig): string {
  return join(c.dataDir, 'public-keys.json');
}

/**
 * Generates the key of every node whose data folder this machine holds and has none, and writes the
 * public key list. Used by `twins cluster`, which runs every node here.
 */
export function ensureKeys(c: ClusterConfig): string[] {
  mkdirSync(c.dataDir, { recursive: true });
  const keys = c.nodes.map((_, i) => loadOrCreateKey(nodeDir(c, i)).publicKey);
  writeFileSync(publicKeysFile(c), `${JSON.stringify(keys, null, 2)}\n`);
  return keys;
}

/** The public key list a node reads at start (copied to each machine when nodes run apart). */
export function readPublicKeys(c: ClusterConfig): string[] {
  const file = publicKeysFile(c);
  if (!existsSync(file)) {
    throw new UserError(file, null, 'missing: run `twins cluster` once, or copy the list of every node\'s public key here');
  }
  const keys = parseJson(readFileSync(file, 'utf8'), file);
  if (!Array.isArray(keys) || keys.length !== c.nodes.length || !keys.every((k) => typeof k === 'string' && /^[0-9a-f]{64}$/.test(k))) {
    throw new UserError(file, '$', `must list ${c.nodes.length} public keys (64 hex digits each), one per node`);
  }
  return keys as string[];
}
