export * from './lib/keyed-lock';
