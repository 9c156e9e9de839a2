export * from './haproxy-availability';
export * from './http-fixtures';
