import { resolve } from 'node:path';

export const WORKSPACE = resolve(__dirname, '../../../..');
export const dist = (...parts: string[]): string => resolve(WORKSPACE, 'dist/apps', ...parts);
