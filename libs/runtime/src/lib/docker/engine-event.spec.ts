import { toRuntimeEvent, type EngineEvent } from './engine-event';

function engineEvent(action: string, attributes: Record<string, string> = {}): EngineEvent {
  return {
    Type: 'container',
    Action: action,
    Actor: {
      ID: 'abc',
      Attributes: { 'strato.node': 'n1', 'strato.incarnation': '5', 'strato.pod': 'light', ...attributes },
    },
    timeNano: 1_700_000_000_123_456_000,
  };
}

describe('toRuntimeEvent', () => {
  it('turns a die into an exited event; an init reports a signal death as 128 + n', () => {
    expect(toRuntimeEvent(engineEvent('die', { exitCode: '137' }), false)).toEqual({
      type: 'exited',
      nodeId: 'n1',
      incarnation: 5,
      pod: 'light',
      exitCode: 137,
      signal: 'SIGKILL',
      oomKilled: false,
      at: 1_700_000_000_123,
    });
    expect(toRuntimeEvent(engineEvent('die', { exitCode: '0' }), false)).toMatchObject({
      exitCode: 0,
      signal: null,
    });
  });

  it('carries the OOM verdict it is given', () => {
    expect(toRuntimeEvent(engineEvent('die', { exitCode: '137' }), true)).toMatchObject({ oomKilled: true });
  });

  it('turns an oom into an oom event', () => {
    expect(toRuntimeEvent(engineEvent('oom'), false)).toEqual({
      type: 'oom',
      nodeId: 'n1',
      pod: 'light',
      at: 1_700_000_000_123,
    });
  });

  it('ignores other actions, other object types and containers without our node label', () => {
    expect(toRuntimeEvent(engineEvent('start'), false)).toBeUndefined();
    expect(toRuntimeEvent({ ...engineEvent('die'), Type: 'network' }, false)).toBeUndefined();
    expect(
      toRuntimeEvent({ ...engineEvent('die'), Actor: { ID: 'x', Attributes: {} } }, false),
    ).toBeUndefined();
  });

  it('reports an unknown exit code as null', () => {
    expect(toRuntimeEvent(engineEvent('die'), false)).toMatchObject({ exitCode: null, signal: null });
  });

  it('reports the exit of a container made before incarnations with incarnation null', () => {
    const event = engineEvent('die', { exitCode: '0' });
    delete event.Actor?.Attributes?.['strato.incarnation'];
    expect(toRuntimeEvent(event, false)).toMatchObject({ nodeId: 'n1', incarnation: null });
  });
});
