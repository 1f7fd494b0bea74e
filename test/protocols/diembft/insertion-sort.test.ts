// insertionSort orders exactly as the built-in stable sort, which it replaces for short lists.
import { expect } from 'chai';
import fc from 'fast-check';
import { insertionSort } from '../../../src/protocols/diembft/insertion-sort.js';

describe('insertionSort', () => {
  it('gives the order Array.prototype.sort gives, equal keys kept in input order', () => {
    fc.assert(fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.nat() }), { maxLength: 12 }),
      (list) => {
        const compare = (a: { key: number }, b: { key: number }): number => a.key - b.key;
        const expected = [...list].sort(compare);
        expect(insertionSort([...list], compare)).to.deep.equal(expected);
      }));
  });

  it('sorts in place and returns the same list', () => {
    const list = [3, 1, 2];
    expect(insertionSort(list, (a, b) => a - b)).to.equal(list);
    expect(list).to.deep.equal([1, 2, 3]);
  });
});
