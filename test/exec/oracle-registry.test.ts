// Setup: every registered protocol's oracles (generic and its own) and the observation-type
//   numbering its runner dispatches by.
// Expect: the numbering lists every type once, in the order it numbers them, generic types first;
//   every type an oracle reads is one of them; oracle ids are unique per protocol.
import { expect } from 'chai';
import { GENERIC_OBSERVATION_TYPES } from '../../src/kernel/observation.js';
import { GENERIC_ORACLES, oraclesOf } from '../../src/exec/oracles/index.js';
import { PROTOCOL_NAMES, protocolNamed } from '../../src/protocols/registry.js';

describe('oracles: registry and observation dispatch', () => {
  for (const name of PROTOCOL_NAMES) {
    const protocol = protocolNamed(name);
    const types = protocol.observationTypes;

    it(`${name}: numbers each observation type by its position in observationTypes, generic types first`, () => {
      expect(types.map(protocol.observationIndex)).to.deep.equal(types.map((_, i) => i));
      expect(new Set(types).size).to.equal(types.length);
      expect(types.slice(0, GENERIC_OBSERVATION_TYPES.length)).to.deep.equal([...GENERIC_OBSERVATION_TYPES]);
      expect(protocol.observationIndex('no-such-type')).to.equal(-1);
    });

    it(`${name}: gives every oracle a unique id and only types the runner dispatches`, () => {
      const oracles = oraclesOf(protocol);
      expect(oracles.slice(0, GENERIC_ORACLES.length)).to.deep.equal([...GENERIC_ORACLES]);
      expect(new Set(oracles.map((o) => o.id)).size).to.equal(oracles.length);
      for (const o of oracles) for (const t of o.observes) expect(types, o.id).to.include(t);
    });
  }

  it('generic oracles read only generic observation types', () => {
    for (const o of GENERIC_ORACLES) for (const t of o.observes) expect(GENERIC_OBSERVATION_TYPES, o.id).to.include(t);
  });
});
