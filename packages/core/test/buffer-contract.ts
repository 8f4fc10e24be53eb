import { expect, it } from 'vitest';
import { encodeBatch, type BatchBuffer, type EncodedBatch } from '@spinel/core';

/** A batch of `n` samples valued `first, first+1, ...`, so order and loss show in the values. */
export function valuedBatch(first: number, n = 10): EncodedBatch {
  return encodeBatch(
    'c',
    'h',
    Array.from({ length: n }, (_, i) => ({
      path: `p.m${first + i}`,
      name: `m${first + i}`,
      value: first + i,
      timestamp: 1_700_000_000,
      type: 'gauge' as const,
      precision: 0,
      dimensions: undefined,
    })),
  );
}

const values = (batches: readonly EncodedBatch[]): number[] => batches.flatMap((b) => [...b.values]);

/**
 * The behaviour every {@link BatchBuffer} must have, as Telegraf runs one suite over its memory
 * and disk buffers. `open` makes a fresh, empty buffer.
 */
export function bufferContract(open: () => BatchBuffer): void {
  it('hands batches out oldest first, at least one, up to the sample limit', () => {
    const buffer = open();
    for (let i = 0; i < 5; i++) buffer.add(valuedBatch(i * 10));
    expect(buffer.samples).toBe(50);
    const taken = buffer.take(25);
    expect(values(taken?.batches ?? [])).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(taken?.samples).toBe(20);
    expect(buffer.samples).toBe(30);
    const big = open();
    big.add(valuedBatch(0, 100));
    expect(big.take(10)?.samples).toBe(100);
  });

  it('forgets acknowledged batches', () => {
    const buffer = open();
    buffer.add(valuedBatch(0));
    buffer.add(valuedBatch(10));
    buffer.take(10);
    buffer.ack();
    expect(values(buffer.take(100)?.batches ?? [])).toEqual(Array.from({ length: 10 }, (_, i) => 10 + i));
    buffer.ack();
    expect(buffer.isEmpty).toBe(true);
    expect(buffer.take(100)).toBeUndefined();
  });

  it('puts rejected batches back in front, before what arrived meanwhile', () => {
    const buffer = open();
    buffer.add(valuedBatch(0));
    buffer.take(100);
    buffer.add(valuedBatch(10));
    buffer.nack();
    expect(buffer.samples).toBe(20);
    expect(values(buffer.take(100)?.batches ?? [])).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('is not empty while a take is out', () => {
    const buffer = open();
    buffer.add(valuedBatch(0));
    buffer.take(100);
    expect(buffer.samples).toBe(0);
    expect(buffer.isEmpty).toBe(false);
  });
}
