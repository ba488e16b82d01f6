import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { osmUrl } from './map.ts';

describe('osmUrl: directions: true gives directions, not a search', () => {
  it('to a place: OpenStreetMap directions with the place as destination', () => {
    assert.equal(osmUrl({ lat: null, lng: null, query: '1 Main St, Springfield', directions: true }),
      'https://www.openstreetmap.org/directions?to=1%20Main%20St%2C%20Springfield');
  });
  it('to coordinates', () => {
    assert.equal(osmUrl({ lat: 39.78, lng: -89.65, query: 'ignored', directions: true }), 'https://www.openstreetmap.org/directions?to=39.78%2C-89.65');
  });
  it('without directions: a search, or a pin', () => {
    assert.equal(osmUrl({ lat: null, lng: null, query: '1 Main St', directions: false }), 'https://www.openstreetmap.org/search?query=1%20Main%20St');
    assert.equal(osmUrl({ lat: 1, lng: 2, query: null }), 'https://www.openstreetmap.org/?mlat=1&mlon=2#map=16/1/2');
  });
  it('nothing to go to: null', () => {
    assert.equal(osmUrl({ lat: null, lng: null, query: ' \n ', directions: true }), null);
  });
});
