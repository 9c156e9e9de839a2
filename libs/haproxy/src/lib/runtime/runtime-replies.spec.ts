import {
  HaproxyCommandError,
  HaproxyNoSuchBackendError,
  HaproxyNoSuchServerError,
  HaproxyServerBusyError,
  HaproxyServerExistsError,
  HaproxyServerNotInMaintError,
} from '../errors';
import { expectReply, toCommandError } from './runtime-replies';

describe('runtime replies', () => {
  it.each([
    ['No such backend.\n\n', HaproxyNoSuchBackendError, 'HAPROXY_NO_SUCH_BACKEND'],
    ['No such proxy.\n', HaproxyNoSuchBackendError, 'HAPROXY_NO_SUCH_BACKEND'],
    ['No such server.\n\n', HaproxyNoSuchServerError, 'HAPROXY_NO_SUCH_SERVER'],
    [
      'Already exists a server with the same name in backend.\n\n',
      HaproxyServerExistsError,
      'HAPROXY_SERVER_EXISTS',
    ],
    [
      'Only servers in maintenance mode can be deleted.\n',
      HaproxyServerNotInMaintError,
      'HAPROXY_SERVER_NOT_IN_MAINT',
    ],
    [
      'Server still has connections attached to it, cannot remove it.\n',
      HaproxyServerBusyError,
      'HAPROXY_SERVER_BUSY',
    ],
    [
      'Backend must use a dynamic load balancing to support dynamic servers.\n',
      HaproxyCommandError,
      'HAPROXY_COMMAND_FAILED',
    ],
  ])('turns %j into %p', (reply, ErrorClass, code) => {
    const error = toCommandError('cmd be/x', reply);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, command: 'cmd be/x', reply: reply.trim() });
  });

  it('accepts only the exact success reply', () => {
    expect(() => expectReply('set server be/x state ready', '\n', '')).not.toThrow();
    expect(() => expectReply('del server be/x', 'Server deleted.\n', 'Server deleted.')).not.toThrow();
    expect(() => expectReply('set server be/x state ready', 'something new\n', '')).toThrow(
      HaproxyCommandError,
    );
  });
});
