// `twins exec --ledgers DIR`: after the run, each scenario of each case (of this shard's slice) runs once
// more in this thread with its replicas' committed logs collected, and DIR/<case>/<index>/ receives one
// `<replica>.jsonl` per replica (ledger-files.ts). `<index>` is the scenario's index in its case, the
// one `twins replay <config> --case <case> --index <index>` takes. The worker threads send back only
// verdicts, so the ledgers cost a second run of every scenario: the flag is for configs of a few
// scenarios, or for one finding through `twins replay --ledgers`.
import { runScenario } from '../exec/run-scenario.js';
import { resolveCaseOptions, type ExecutorConfig } from '../scenario/executor-config.js';
import { LedgerFolder } from './ledger-files.js';
import { checkPathName } from './safe-path.js';
import type { ScenarioSource } from './scenario-source.js';
import { shardRange, type Shard } from './shard.js';

/** Refuses, before anything runs, a case name that cannot be a folder name. */
export function checkLedgerCaseNames(config: ExecutorConfig, configFile: string): void {
  config.cases.forEach((c, i) => checkPathName(c.name, configFile, `$.cases[${i}].name`));
}

export function writeExecLedgers(dir: string, config: ExecutorConfig, sources: readonly ScenarioSource[],
  shard: Shard | null): void {
  const folder = new LedgerFolder(dir);
  try {
    config.cases.forEach((c, i) => {
      const options = resolveCaseOptions(config, c);
      const source = sources[i]!;
      const { from, to } = shardRange(source.count(), shard);
      for (const s of source.scenarios(from, to)) {
        folder.write([c.name, String(s.index)], runScenario(s.scenario, options, { ledgers: true }).ledgers ?? []);
      }
    });
    folder.commit();
  } catch (err) {
    folder.abort();
    throw err;
  }
}
