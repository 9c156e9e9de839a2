import { decideVariant, inCi, missingMessage } from './describe-needing';
import type { InfrastructurePart } from './infrastructure-part';
import type { PresentParts } from './probe-infrastructure';

const all: PresentParts = {
  docker: true,
  nodeImage: true,
  haproxy: true,
  chromium: true,
  netns: true,
  swarm: true,
};
const bare: PresentParts = {
  docker: false,
  nodeImage: false,
  haproxy: false,
  chromium: false,
  netns: false,
  swarm: false,
};
const docker: InfrastructurePart[] = ['docker', 'nodeImage'];

describe('decideVariant', () => {
  it.each<[string, InfrastructurePart[], PresentParts, boolean, ReturnType<typeof decideVariant>]>([
    ['runs a variant that needs nothing on a bare machine', [], bare, false, { kind: 'run' }],
    ['runs when everything needed is there, in CI too', [...docker, 'haproxy'], all, true, { kind: 'run' }],
    [
      'lists it as not run outside CI, naming only the engine when there is none',
      [...docker, 'haproxy'],
      bare,
      false,
      { kind: 'not-run', missing: ['docker', 'haproxy'] },
    ],
    [
      'fails it under CI=true with the same missing parts',
      [...docker, 'haproxy'],
      bare,
      true,
      { kind: 'fail', missing: ['docker', 'haproxy'] },
    ],
    [
      'names the image when the engine answers without it',
      docker,
      { ...all, nodeImage: false },
      false,
      { kind: 'not-run', missing: ['nodeImage'] },
    ],
    [
      'ignores what the variant does not need',
      ['haproxy'],
      { ...bare, haproxy: true },
      true,
      { kind: 'run' },
    ],
  ])('%s', (_case, needs, present, ci, expected) => {
    expect(decideVariant(needs, present, ci)).toEqual(expected);
  });

  it('reads CI=true and CI=1 as CI, anything else (or unset) as a developer machine', () => {
    expect([inCi({ CI: 'true' }), inCi({ CI: '1' }), inCi({ CI: 'false' }), inCi({})]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('says in the failure what is missing and how to enable it', () => {
    const message = missingMessage('walking skeleton on docker', ['docker', 'haproxy']);
    expect(message).toContain('"walking skeleton on docker" needs a Docker engine and the haproxy binary');
    expect(message).toContain('no docker engine: nothing answers /_ping');
    expect(message).toContain('tools/dev-env.sh (apt-get install -y haproxy)');
  });
});
