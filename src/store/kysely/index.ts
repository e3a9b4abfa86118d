// The shared kysely implementation behind `Store`; open it through ../open-store.ts.
export { KyselyStore, type KyselyStoreConfig } from './kysely-store.js';
export type { StoreSchema } from './schema.js';
