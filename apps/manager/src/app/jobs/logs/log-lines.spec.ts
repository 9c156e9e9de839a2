import { LineSplitter, toLogLines } from './log-lines';

describe('log lines', () => {
  it('cuts chunks of both streams into lines, each placed where its end arrived', () => {
    expect(
      toLogLines([
        { stream: 'stdout', data: 'a\nb' },
        { stream: 'stderr', data: 'x\n' },
        { stream: 'stdout', data: 'c\nd' },
      ]),
    ).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'stderr', text: 'x' },
      { stream: 'stdout', text: 'bc' },
      { stream: 'stdout', text: 'd' },
    ]);
  });

  it('holds a line back until its end comes, unless flushed', () => {
    const splitter = new LineSplitter();
    expect(splitter.push({ stream: 'stdout', data: 'par' })).toEqual([]);
    expect(splitter.push({ stream: 'stdout', data: 'tial\n' })).toEqual([
      { stream: 'stdout', text: 'partial' },
    ]);
    splitter.push({ stream: 'stderr', data: 'no newline' });
    expect(splitter.flush()).toEqual([{ stream: 'stderr', text: 'no newline' }]);
    expect(splitter.flush()).toEqual([]);
  });
});
