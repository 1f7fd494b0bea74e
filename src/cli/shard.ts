// `--shard i/N`: shard i (1-based) of N runs the index range [floor(T(i-1)/N), floor(Ti/N)) of every
// case's T scenarios, so N shards cover each case exactly once whatever machine runs each.
import { UserError } from './errors.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new UserError(null, '--shard', `expected i/N with 1 <= i <= N (e.g. 2/4), got '${text}'`);
  }
  return { index, count };
}

export function shardRange(total: number, shard: Shard | null): { from: number; to: number } {
  if (shard === null) return { from: 0, to: total };
  return {
    from: Math.floor((total * (shard.index - 1)) / shard.count),
    to: Math.floor((total * shard.index) / shard.count),
  };
}

export function shardDirName(name: string, shard: Shard | null): string {
  return shard === null ? name : `${name}.shard-${shard.index}-of-${shard.count}`;
}
