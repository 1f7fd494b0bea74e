// Setup: the project's own docs (README.md, docs/*.md, test/bad-inputs/README.md) and the free text of
//   the shipped configs, scenarios and schemas (`description`, `notes`).
// Expect: they stand alone: every file or folder they name exists in the repository, no text cites a
//   document outside it (a section sign, or the names of design notes that are not shipped), and the
//   docs' example executor config does not reuse a shipped config's name (its reports would overwrite
//   the shipped run's).
// Replay: npx tsc -p . && npx mocha dist/test/docs.test.js
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli/run-cli.js';

const TOP = ['src', 'test', 'bench', 'docs', 'schemas', 'scenarios', 'executor-configs', 'generator-configs', 'mutation'];
const PATH = new RegExp(`(?<![\\w./-])((?:${TOP.join('|')})/[\\w./*<>{}-]*)`, 'g');
const MD_NAME = /(?<![\w./-])([\w-]+\.md)\b/g;
const LINK = /\]\(([^)#\s]+)[^)]*\)/g;
/** A citation of a document that is not in the repository: a section sign or a design note's name. */
const OUTSIDE = /§|\bDESIGN\b|diembft-v4|\bSTYLE\.md\b|\bpbft\.md\b/;

interface Text { readonly where: string; readonly text: string }

function docs(): Text[] {
  const files = ['README.md', 'test/bad-inputs/README.md',
    ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.map((f) => ({ where: f, text: readFileSync(join(ROOT, f), 'utf8') }));
}

function jsonTexts(): Text[] {
  const out: Text[] = [];
  const walk = (where: string, v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(`${where}[${i}]`, x));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'description' || k === 'notes') && typeof x === 'string') out.push({ where: `${where}.${k}`, text: x });
        else walk(`${where}.${k}`, x);
      }
    }
  };
  for (const dir of ['schemas', 'generator-configs', 'executor-configs', 'scenarios', 'scenarios/regression']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.json'))) {
      walk(`${dir}/${f}: $`, JSON.parse(readFileSync(join(ROOT, dir, f), 'utf8')));
    }
  }
  return out;
}

/**
 * Paths named in a text that do not exist. Not paths: placeholders (`<name>`, `*`, `{a,b}`), a rate
 * (`scenarios/s`), the reader's own files (`my_run.json`) and what the tools generate (`.jsonl` files
 * under scenarios/, which .gitignore lists).
 */
function missing(t: Text, base: string): string[] {
  const named = [...t.text.matchAll(PATH)].map((m) => m[1]!.replace(/[.,:;]+$/, ''));
  for (const m of t.text.matchAll(MD_NAME)) named.push(existsSync(join(ROOT, base, m[1]!)) ? join(base, m[1]!) : m[1]!);
  for (const m of t.text.matchAll(LINK)) if (!/^[a-z]+:/.test(m[1]!)) named.push(join(base, m[1]!));
  return named.filter((p) => !/[<>*{}]/.test(p) && !p.endsWith('...') && !/^\w+\/s$/.test(p))
    .filter((p) => !/(^|\/)my[-_][^/]*$/.test(p) && !/^scenarios\/[^/]+\.jsonl$/.test(p))
    .filter((p) => !existsSync(join(ROOT, p)) && !existsSync(join(ROOT, 'docs', p)))
    .map((p) => `${t.where}: ${p}`);
}

describe('the docs stand alone', () => {
  it('every file or folder the docs name exists in the repository', () => {
    const texts = docs();
    expect(texts.length).to.be.at.least(9);
    expect(texts.flatMap((t) => missing(t, t.where.includes('/') ? t.where.slice(0, t.where.lastIndexOf('/')) : '.'))).to.deep.equal([]);
  });

  it('every file the shipped configs, scenarios and schemas name in their text exists', () => {
    const texts = jsonTexts();
    expect(texts.length).to.be.at.least(20);
    expect(texts.flatMap((t) => missing(t, '.'))).to.deep.equal([]);
  });

  it('no text cites a document outside the repository', () => {
    const cites = [...docs(), ...jsonTexts()].flatMap((t) => t.text.split('\n')
      .map((line, i) => ({ line, at: `${t.where}:${i + 1}` })).filter((l) => OUTSIDE.test(l.line))
      .map((l) => `${l.at}: ${l.line.trim().slice(0, 100)}`));
    expect(cites).to.deep.equal([]);
  });

  it('the docs\' example executor config has a name of its own', () => {
    const shipped = readdirSync(join(ROOT, 'executor-configs')).filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(join(ROOT, 'executor-configs', f), 'utf8')) as { name: string }).name);
    const examples = docs().flatMap((t) => [...t.text.matchAll(/```json\n([\s\S]*?)```/g)]
      .filter((m) => m[1]!.includes('"cases"')).map((m) => ({ where: t.where, name: /"name": "([^"]+)"/.exec(m[1]!)?.[1] })));
    expect(examples.length).to.be.at.least(1);
    for (const e of examples) expect(shipped, `${e.where}: example config '${e.name}'`).not.to.include(e.name);
  });
});
