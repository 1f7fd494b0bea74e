import { expect } from 'chai';
import { UserError } from '../../src/scenario/errors.js';
import { parseJson } from '../../src/scenario/json-syntax.js';
import { parseScenarioJsonl, parseScenarioLine, parseScenarioText, validateScenario } from '../../src/scenario/validate.js';
import type { Scenario } from '../../src/scenario/types.js';

/** The example of DESIGN §5. */
const DESIGN_EXAMPLE = `{
  "schemaVersion": 1,
  "nodes": ["a", "b", "c", "d"],
  "twins": ["a"],
  "rounds": [
    { "leader": "a",
      "partitions": [["a", "b", "c"], ["a'", "d"]],
      "drops": [{ "from": "b", "to": "a", "type": "vote" }] },
    { "leader": "b", "partitions": [["a", "a'", "b", "c", "d"]] }
  ],
  "gst": { "rounds": 7 }
}`;

function example(): Scenario {
  return JSON.parse(DESIGN_EXAMPLE) as Scenario;
}

function errorOf(f: () => unknown): UserError {
  try { f(); } catch (err) { if (err instanceof UserError) return err; throw err; }
  throw new Error('expected a UserError');
}

describe('scenario: parseScenarioText', () => {
  it('accepts the DESIGN §5 example and returns it unchanged', () => {
    expect(parseScenarioText(DESIGN_EXAMPLE, 'ex.json')).to.deep.equal(example());
  });

  it('accepts per-type partitions, markers, extra replicas, gst leaders and the optional fields', () => {
    const s = {
      ...example(), $schema: '../schemas/scenario.schema.json', replicas: { a: 3 }, markers: { a: 'm', "a'": 'm' },
      rounds: [{ leader: 'a', partitions: [['a', "a'", "a''", 'b', 'c', 'd']],
        byType: { vote: [['a', 'b'], ["a'", "a''", 'c', 'd']] }, drops: [{ from: "a''", to: 'd', type: 'any' }] }],
      gst: { rounds: 3, leaders: ['b', 'c'] }, name: 'n', notes: 'free text', id: '0123456789abcdef',
      provenance: { generator: 'g', configHash: 'h', seed: '7', index: '12' },
    };
    expect(parseScenarioText(JSON.stringify(s), 'x.json')).to.deep.equal(s);
  });

  it("refuses a'' when a runs only two replicas, and says which it runs", () => {
    const s = example();
    const bad = { ...s, rounds: [{ leader: 'a', partitions: [['a', "a'", "a''", 'b', 'c', 'd']] }] };
    const err = errorOf(() => validateScenario(bad, 'x.json'));
    expect(err.jsonPath).to.equal('$.rounds[0].partitions[0][2]');
    expect(err.detail).to.equal("unknown replica 'a'''; 'a' has the replicas a, a'");
  });

  it('names a replica listed twice in one group', () => {
    const bad = { ...example(), rounds: [{ leader: 'b', partitions: [['a', "a'", 'b', 'b', 'c', 'd']] }] };
    const err = errorOf(() => validateScenario(bad, 'x.json'));
    expect(err.message).to.equal("x.json: $.rounds[0].partitions[0][3]: replica 'b' appears twice in group 0");
  });

  it('lists every replica a partition misses', () => {
    const bad = { ...example(), rounds: [{ leader: 'b', partitions: [['a', 'b']] }] };
    const err = errorOf(() => validateScenario(bad, 'x.json'));
    expect(err.jsonPath).to.equal('$.rounds[0].partitions');
    expect(err.detail).to.include("missing 'a'', 'c', 'd'");
  });

  it('checks byType partitions like the main one', () => {
    const bad = { ...example(), rounds: [{ leader: 'b', partitions: [['a', "a'", 'b', 'c', 'd']], byType: { timeout: [['a', 'b']] } }] };
    expect(errorOf(() => validateScenario(bad, 'x.json')).jsonPath).to.equal('$.rounds[0].byType.timeout');
  });

  it('reports a bad drop type with the allowed values', () => {
    const s = example();
    const bad = { ...s, rounds: [{ ...s.rounds[0]!, drops: [{ from: 'b', to: 'a', type: 'votes' }] }] };
    const err = errorOf(() => validateScenario(bad, 'x.json'));
    expect(err.message).to.equal("x.json: $.rounds[0].drops[0].type: must be one of proposal, vote, timeout, sync, any; got 'votes'");
  });

  it('lists the allowed fields when one is unknown', () => {
    const err = errorOf(() => validateScenario({ ...example(), gts: { rounds: 1 } }, 'x.json'));
    expect(err.jsonPath).to.equal('$');
    expect(err.detail).to.match(/^unknown field 'gts'; allowed: .*\bgst\b/);
  });

  it('strips a byte order mark', () => {
    expect(parseScenarioText(`\uFEFF${DESIGN_EXAMPLE}`, 'bom.json').nodes).to.deep.equal(['a', 'b', 'c', 'd']);
  });
});

describe('scenario: JSON syntax errors', () => {
  it('give file:line:column and no JSON path', () => {
    const err = errorOf(() => parseJson('{\n  "a": 1\n  "b": 2\n}', 'f.json'));
    expect(err.file).to.equal('f.json:3:3');
    expect(err.jsonPath).to.equal(null);
    expect(err.detail).to.include("expected ',' or '}'");
  });

  it('point at a trailing comma', () => {
    const err = errorOf(() => parseJson('[1, 2, ]', 'f.json'));
    expect(err.message).to.equal("f.json:1:6: invalid JSON: trailing comma before ']'");
  });

  it('name comments, unterminated strings and text after the value', () => {
    expect(errorOf(() => parseJson('// x\n{}', 'f')).detail).to.include('comments are not allowed');
    expect(errorOf(() => parseJson('{"a": "b}', 'f')).file).to.equal('f:1:7');
    expect(errorOf(() => parseJson('{} {}', 'f')).detail).to.include('after the JSON value');
    expect(errorOf(() => parseJson('[01]', 'f')).detail).to.include('invalid number');
  });

  it('locate an error in absurdly deep nesting without overflowing the stack', () => {
    expect(errorOf(() => parseJson('['.repeat(200000), 'f')).detail).to.include('nesting deeper than');
  });

  it('treat a __proto__ key as the unknown field it is', () => {
    const err = errorOf(() => parseScenarioText(`{"__proto__": {}, ${DESIGN_EXAMPLE.slice(1)}`, 'p.json'));
    expect(err.jsonPath).to.equal('$');
    expect(err.detail).to.match(/^unknown field '__proto__'/);
  });
});

describe('scenario: .jsonl', () => {
  it('skips blank lines and accepts CRLF line ends', () => {
    const line = JSON.stringify(example());
    expect(parseScenarioJsonl(`${line}\r\n\r\n  \n${line}\n`, 's.jsonl')).to.have.length(2);
  });

  it('names the line of a bad scenario as file:line', () => {
    const line = JSON.stringify(example());
    const bad = JSON.stringify({ ...example(), twins: ['x'] });
    const err = errorOf(() => parseScenarioJsonl(`${line}\n\n${bad}\n`, 's.jsonl'));
    expect(err.message).to.equal("s.jsonl:3: $.twins[0]: twin 'x' is not a node; nodes: a, b, c, d");
  });

  it('parseScenarioLine puts the line number before the column of a syntax error', () => {
    const err = errorOf(() => parseScenarioLine('{"schemaVersion": 1,', 's.jsonl', 41));
    expect(err.file).to.equal('s.jsonl:41:21');
  });
});
