// Setup: the oracle registry and the observation-type numbering the runner dispatches by.
// Expect: the numbering lists every type once, in the order it numbers them, and every type an
//   oracle reads is one of them; oracle ids are unique.
import { expect } from 'chai';
import { ORACLES } from '../../src/exec/oracles/index.js';
import { OBSERVATION_TYPES, observationIndex } from '../../src/exec/oracles/oracle.js';

describe('oracles: registry and observation dispatch', () => {
  it('numbers each observation type by its position in OBSERVATION_TYPES', () => {
    expect(OBSERVATION_TYPES.map(observationIndex)).to.deep.equal(OBSERVATION_TYPES.map((_, i) => i));
    expect(new Set(OBSERVATION_TYPES).size).to.equal(OBSERVATION_TYPES.length);
  });

  it('gives every oracle a unique id and only types the runner dispatches', () => {
    expect(new Set(ORACLES.map((o) => o.id)).size).to.equal(ORACLES.length);
    for (const o of ORACLES) for (const t of o.observes) expect(OBSERVATION_TYPES, o.id).to.include(t);
  });
});
