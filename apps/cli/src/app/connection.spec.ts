import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConnection } from './connection';

describe('resolveConnection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers flags, then the environment', () => {
    expect(resolveConnection({ url: 'http://127.0.0.1:1', token: 'flag' }, { STRATO_TOKEN: 'env' })).toEqual({
      url: 'http://127.0.0.1:1',
      token: 'flag',
      tokenSource: '--token',
    });
    expect(
      resolveConnection({}, { STRATO_URL: 'http://127.0.0.1:2', STRATO_TOKEN: 'env' }, dir),
    ).toMatchObject({
      url: 'http://127.0.0.1:2',
      token: 'env',
    });
  });

  it('reads the token file npm start writes under ./data', () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'owner-token'), 'from-file\n');
    expect(resolveConnection({}, {}, dir)).toMatchObject({
      url: 'http://127.0.0.1:8080',
      token: 'from-file',
      tokenSource: join(data, 'owner-token'),
    });
  });

  it('reads the token from STRATO_DATA_DIR when npm start was given one (issue 11, item 6)', () => {
    const data = join(dir, 'srv', 'strato');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'owner-token'), 'from-data-dir\n');
    expect(resolveConnection({}, { STRATO_DATA_DIR: 'srv/strato' }, dir)).toMatchObject({
      token: 'from-data-dir',
      tokenSource: join(data, 'owner-token'),
    });
    expect(resolveConnection({}, { STRATO_DATA_DIR: data }, '/nonexistent').token).toBe('from-data-dir');
  });

  it('has no token when none is configured anywhere', () => {
    expect(
      resolveConnection({}, { STRATO_TOKEN_FILE: '/nonexistent', HOME: dir }, '/nonexistent').token,
    ).toBeUndefined();
  });
});
