import { describe, expect, it } from 'vitest';
import { ContentStore } from './contentStore.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => (data ? new TextDecoder().decode(data) : undefined);

describe('ContentStore', () => {
  it('stores each hash once and counts bytes', () => {
    const store = new ContentStore();
    expect(store.put('h1', bytes('{"a":1}'))).toBe(true);
    expect(store.put('h1', bytes('{"a":1}'))).toBe(false);
    expect(store.put('h2', bytes('abc'))).toBe(true);
    expect(store.size).toBe(2);
    expect(store.bytes).toBe(10);
    expect(text(store.get('h1'))).toBe('{"a":1}');
    expect(store.has('h2')).toBe(true);
    expect(store.get('missing')).toBeUndefined();
  });

  it('keeps its own copy of the bytes', () => {
    const store = new ContentStore();
    const data = bytes('abc');
    store.put('h', data);
    data[0] = 0x7a;
    expect(text(store.get('h'))).toBe('abc');
  });

  it('copies even when the input slice() returns a view, as Node Buffers do', () => {
    class ViewSlice extends Uint8Array {
      override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
        return this.subarray(start, end);
      }
    }
    const data = new ViewSlice(bytes('abc'));
    const store = new ContentStore();
    store.put('h', data);
    data[0] = 0x7a;
    expect(text(store.get('h'))).toBe('abc');
    expect(store.get('h')?.constructor).toBe(Uint8Array);
  });

  it('evicts the least recently used contents past the byte budget', () => {
    const store = new ContentStore({ maxBytes: 10 });
    store.put('a', bytes('aaaa'));
    store.put('b', bytes('bbbb'));
    store.get('a');
    store.put('c', bytes('cccc'));
    expect(store.hashes()).toEqual(['a', 'c']);
    expect(store.bytes).toBe(8);
  });

  it('never evicts retained contents or the one just stored', () => {
    const store = new ContentStore({ maxBytes: 5, retain: (hash) => hash === 'pinned' });
    store.put('pinned', bytes('pppp'));
    store.put('big', bytes('0123456789'));
    expect(store.hashes()).toEqual(['pinned', 'big']);
    expect(store.bytes).toBe(14);
    store.put('next', bytes('n'));
    expect(store.hashes()).toEqual(['pinned', 'next']);
    expect(store.bytes).toBe(5);
  });

  it('deletes explicitly', () => {
    const store = new ContentStore();
    store.put('a', bytes('aaaa'));
    expect(store.delete('a')).toBe(true);
    expect(store.delete('a')).toBe(false);
    expect([store.size, store.bytes]).toEqual([0, 0]);
  });

  it('rejects malformed input with a precise error', () => {
    const store = new ContentStore();
    expect(() => store.put('', bytes('x'))).toThrow('content hash must be a non-empty string');
    expect(() => store.put('h', 'text' as unknown as Uint8Array)).toThrow(
      'content must be a Uint8Array',
    );
    expect(() => new ContentStore({ maxBytes: -1 })).toThrow(
      'maxBytes must be a non-negative number, got -1',
    );
    expect(() => new ContentStore({ maxBytes: Number.NaN })).toThrow('got NaN');
  });
});
