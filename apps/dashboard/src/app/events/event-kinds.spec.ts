import { isEventKind, kindOf } from './event-kinds';

describe('event kinds', () => {
  it.each([
    ['ScaleOut', 'scaling'],
    ['ScaleIn', 'scaling'],
    ['ScaleHeld', 'scaling'],
    ['NodeOnline', 'lifecycle'],
    ['PodPaused', 'lifecycle'],
    ['LaunchFailingCleared', 'lifecycle'],
    ['NodeFailed', 'failures'],
    ['NodeOOMKilled', 'failures'],
    ['LaunchFailing', 'failures'],
    ['JobTimedOut', 'failures'],
    ['ElasticityChanged', 'configuration'],
    ['WeightChanged', 'configuration'],
    ['SomethingNew', 'other'],
    ['toString', 'other'],
  ])('puts %s under %s', (type, kind) => {
    expect(kindOf(type)).toBe(kind);
  });

  it.each([
    ['scaling', true],
    ['all', false],
    ['other', false],
    ['', false],
  ])('knows whether %j is a kind to filter by', (value, expected) => {
    expect(isEventKind(value)).toBe(expected);
  });
});
