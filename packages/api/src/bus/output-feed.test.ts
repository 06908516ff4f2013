import { describe, expect, test } from 'vitest';
import { createOutputFeed } from './output-feed.js';

const chunk = (seq: number, data = `c${seq}`) => ({ seq, data });
const seqs = (chunks: { seq: number }[]) => chunks.map((c) => c.seq);

describe('OutputFeed', () => {
  test('after() returns exactly the chunks that continue from a position', () => {
    const feed = createOutputFeed();
    feed.add('s', [chunk(0), chunk(1), chunk(2)]);
    feed.add('s', [chunk(3)]);
    expect(seqs(feed.after('s', -1))).toEqual([0, 1, 2, 3]);
    expect(seqs(feed.after('s', 1))).toEqual([2, 3]);
    expect(feed.after('s', 3)).toEqual([]);
    expect(feed.after('other', -1)).toEqual([]);
  });

  test('a position the feed cannot continue from gets nothing, so the reader goes to the database', () => {
    const feed = createOutputFeed();
    feed.add('s', [chunk(5), chunk(6)]);
    // Chunks 0-4 are not here: handing out 5 would be right for a reader at 4 only.
    expect(feed.after('s', -1)).toEqual([]);
    expect(feed.after('s', 3)).toEqual([]);
    expect(seqs(feed.after('s', 4))).toEqual([5, 6]);
  });

  test('chunks already held (a resent batch) are not held twice', () => {
    const feed = createOutputFeed();
    feed.add('s', [chunk(0), chunk(1)]);
    feed.add('s', [chunk(1), chunk(2)]);
    expect(seqs(feed.after('s', -1))).toEqual([0, 1, 2]);
    expect(feed.heldChars).toBe(6);
  });

  test('a gap starts a new run: nothing before it is handed out as if it continued', () => {
    const feed = createOutputFeed();
    feed.add('s', [chunk(0), chunk(1)]);
    feed.add('s', [chunk(4)]);
    expect(feed.after('s', -1)).toEqual([]);
    expect(seqs(feed.after('s', 3))).toEqual([4]);
  });

  test('past its size it drops the oldest chunks first, across sessions', () => {
    const feed = createOutputFeed({ maxChars: 10 });
    feed.add('a', [chunk(0, 'aaaa'), chunk(1, 'aaaa')]);
    feed.add('b', [chunk(0, 'bbbb')]);
    expect(feed.heldChars).toBe(8);
    expect(feed.after('a', -1)).toEqual([]);
    expect(seqs(feed.after('a', 0))).toEqual([1]);
    expect(seqs(feed.after('b', -1))).toEqual([0]);
  });

  test('evicting a chunk of a run that has since restarted leaves the new run intact', () => {
    const feed = createOutputFeed({ maxChars: 4 });
    feed.add('s', [chunk(0, 'xx')]);
    feed.add('s', [chunk(7, 'yy')]);
    feed.add('s', [chunk(8, 'zz')]);
    expect(seqs(feed.after('s', 6))).toEqual([7, 8]);
    expect(feed.heldChars).toBe(4);
  });
});
