import { JsonLines } from './json-lines';

describe('JsonLines', () => {
  it('returns each complete line as a value, keeping a partial line for the next chunk', () => {
    const lines = new JsonLines();
    expect(lines.push('{"a":1}\n{"b"')).toEqual([{ a: 1 }]);
    expect(lines.push(Buffer.from(':2}\n\n{"c":3}\n'))).toEqual([{ b: 2 }, { c: 3 }]);
  });

  it('skips a line that is not JSON and reports it', () => {
    const invalid: string[] = [];
    expect(new JsonLines().push('oops\n{"a":1}\n', (line) => invalid.push(line))).toEqual([{ a: 1 }]);
    expect(invalid).toEqual(['oops']);
  });
});
