import { CappedOutput } from './capped-output';

describe('CappedOutput', () => {
  it('keeps output up to its cap, then one marker, and drops the rest', () => {
    const output = new CappedOutput(4);
    output.append(Buffer.from('abc'));
    output.append(Buffer.from('def'));
    output.append(Buffer.from('ghi'));
    expect(output.truncated).toBe(true);
    expect(output.read(0, 1_000, true).data).toBe('abcd\n[strato: output truncated after 4 bytes]\n');
  });

  it('never cuts a character while the stream may go on, and reads on from the offset it gave', () => {
    const output = new CappedOutput(100);
    output.append(Buffer.from('aé')); // 'é' is 2 bytes: a read of 2 bytes stops before it
    const first = output.read(0, 2, false);
    expect(first).toEqual({ data: 'a', nextOffset: 1 });
    expect(output.read(first.nextOffset, 2, false)).toEqual({ data: 'é', nextOffset: 3 });
  });
});
