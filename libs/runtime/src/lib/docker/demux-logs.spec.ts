import { demuxDockerLogs } from './demux-logs';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('demuxDockerLogs', () => {
  it('joins stdout and stderr frames in order', () => {
    const logs = Buffer.concat([frame(1, 'job server up\n'), frame(2, 'warning\n'), frame(1, 'done\n')]);
    expect(demuxDockerLogs(logs)).toBe('job server up\nwarning\ndone\n');
  });

  it('passes plain text (TTY containers) through', () => {
    expect(demuxDockerLogs(Buffer.from('plain text output\n'))).toBe('plain text output\n');
  });

  it('returns an empty string for no logs', () => {
    expect(demuxDockerLogs(Buffer.alloc(0))).toBe('');
  });
});
