import { outputTruncatedMarker } from '@strato/contracts';
import { cappedAppend } from './capped-append';

describe('cappedAppend', () => {
  const empty = { bytes: 0, truncated: false };

  it('keeps what fits whole', () => {
    expect(cappedAppend(empty, 'hello', 10)).toEqual({
      stored: 'hello',
      fill: { bytes: 5, truncated: false },
    });
  });

  it('keeps up to the cap, then one marker, then nothing more', () => {
    const first = cappedAppend({ bytes: 6, truncated: false }, 'abcdef', 10);
    expect(first.stored).toBe(`abcd${outputTruncatedMarker(10)}`);
    expect(first.fill.truncated).toBe(true);
    expect(cappedAppend(first.fill, 'more', 10)).toEqual({ stored: '', fill: first.fill });
  });

  it('never cuts a character in two', () => {
    // "é" is 2 bytes: with 1 byte of room it is left out whole.
    expect(cappedAppend({ bytes: 9, truncated: false }, 'é', 10).stored).toBe(outputTruncatedMarker(10));
    expect(cappedAppend({ bytes: 7, truncated: false }, 'aéb', 10).stored).toBe(
      `aé${outputTruncatedMarker(10)}`,
    );
  });

  it("marks a stream the agent truncated first, by the agent's own marker", () => {
    const agentCut = `tail${outputTruncatedMarker(1048576)}`;
    expect(cappedAppend(empty, agentCut, 10_000).fill).toEqual({ bytes: agentCut.length, truncated: true });
  });
});
