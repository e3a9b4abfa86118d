export * from './model.js';
export * from './policy.js';
export * from './spec/index.js';
export * from './math/index.js';
