export * from './lib/threshold-policy';
