import { aNode } from '../../testing/fixtures';
import { firstNewNode, suggestNodeName } from './node-name';

describe('suggestNodeName', () => {
  it.each([
    [[], 'light-1'],
    [['light-1', 'light-2'], 'light-3'],
    [['light-2', 'light-10'], 'light-11'],
    [['n1', 'heavy-4'], 'light-1'],
  ])('after %j suggests %s', (names, suggestion) => {
    expect(
      suggestNodeName(
        'light',
        names.map((name) => aNode({ name })),
      ),
    ).toBe(suggestion);
  });
});

describe('firstNewNode', () => {
  it('is the oldest NEW node, as the launch route picks it', () => {
    const nodes = [
      aNode({ name: 'a', status: 'ONLINE', createdAt: '2026-01-01T00:00:00.000Z' }),
      aNode({ name: 'c', status: 'NEW', createdAt: '2026-01-01T00:00:03.000Z' }),
      aNode({ name: 'b', status: 'NEW', createdAt: '2026-01-01T00:00:02.000Z' }),
    ];
    expect(firstNewNode(nodes)?.name).toBe('b');
    expect(firstNewNode([nodes[0]])).toBeUndefined();
  });
});
