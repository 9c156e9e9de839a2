export * from './lib/describe-needing';
export * from './lib/infrastructure-part';
export * from './lib/not-run-log';
export * from './lib/probe-infrastructure';
