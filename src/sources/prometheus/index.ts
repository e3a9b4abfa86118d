// Prometheus as an SLI source: remote_write in (push) and the HTTP query API (pull).
export * from './remote-write/index.js';
export * from './query/index.js';
