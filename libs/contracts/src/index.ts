export * from './lib/agent';
export * from './lib/job';
export * from './lib/nodes';
export * from './lib/pods';
export * from './lib/views';
export * from './lib/lb-error-bodies';
export * from './lib/data-path';
