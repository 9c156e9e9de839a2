import { isIP } from 'node:net';
import { HaproxyArgumentError } from '../errors';

// Names end up inside one-line commands: a space, `;` or newline would smuggle in a second command.
const NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

export function proxyServerRef(backend: string, server: string): string {
  return `${checkName('backend', backend)}/${checkName('server', server)}`;
}

export function checkName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new HaproxyArgumentError(`invalid ${kind} name ${JSON.stringify(name)}`);
  return name;
}

/** Dynamic servers never resolve hostnames, so only IP literals are accepted. */
export function checkHost(host: string): string {
  if (isIP(host) === 0) throw new HaproxyArgumentError(`server address must be an IP literal, got ${host}`);
  return host;
}

export function checkIntegerInRange(kind: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HaproxyArgumentError(`${kind} must be an integer in ${min}..${max}, got ${value}`);
  }
  return value;
}
