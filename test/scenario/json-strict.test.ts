// Setup: JSON texts, random and hand-written, some with a key given twice (also spelled with escapes,
// or with colons inside strings) or nested deeply.
// Expect: the cheap check says "certainly strict" only for texts the full scan finds no fault in, and
// says it for every text without a duplicate key that nests less than MAX_JSON_DEPTH - 1 deep.
import { expect } from 'chai';
import fc from 'fast-check';
import { certainlyStrict, MAX_JSON_DEPTH, strictJsonFault } from '../../src/scenario/json-strict.js';

const agree = (text: string): boolean => {
  const cheap = certainlyStrict(JSON.parse(text), text);
  if (cheap) expect(strictJsonFault(text), text).to.equal(null);
  return cheap;
};

describe('the cheap strict-JSON check', () => {
  it('tells duplicate keys apart, however they are spelled', () => {
    expect(agree('{"a":1,"a":2}')).to.equal(false);
    expect(agree('{"a":1,"\\u0061":2}')).to.equal(false);
    expect(agree('{"x":{"k":[1,{"k":2,"k":3}]}}')).to.equal(false);
    expect(agree('{"__proto__":1,"__proto__":2}')).to.equal(false);
    expect(agree('{"a:b":"c:d","e\\":":"\\\\:","f":[":",{"g":"::"}]}')).to.equal(true);
    expect(agree('{"a":{},"b":[],"c":"","d":[[]],"e":{"a":{"a":1}}}')).to.equal(true);
  });

  it('leaves deep nesting to the full scan', () => {
    const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(agree(deep(MAX_JSON_DEPTH - 3))).to.equal(true);
    expect(agree(deep(MAX_JSON_DEPTH - 1))).to.equal(false);
    expect(strictJsonFault(deep(MAX_JSON_DEPTH + 1))).to.not.equal(null);
  });

  it('agrees with the full scan on random JSON, with and without a key repeated', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), fc.boolean(), (text, repeat) => {
      const withDup = repeat && text.startsWith('{"') ? text.replace(/^\{("(?:[^"\\]|\\.)*"):/, '{$1:0,$1:') : text;
      const cheap = agree(withDup);
      expect(cheap).to.equal(strictJsonFault(withDup) === null);
    }), { numRuns: 2000 });
  });
});
