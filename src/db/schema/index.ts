// The schema drizzle-kit reads and the client is typed with. (The one index file: drizzle needs it.)
export * from './analytics';
export * from './audit';
export * from './books';
export * from './campaigns';
export * from './contacts';
export * from './contracts';
export * from './dashboards';
export * from './idempotency';
export * from './imports';
export * from './offers';
export * from './plans';
export * from './scoring';
export * from './service';
export * from './subscribers';
export * from './tickets';
export * from './users';
export * from './work';
