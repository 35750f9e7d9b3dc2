// The whole Drizzle schema, for drizzle-kit (migrations) and the typed database handle. A pure
// barrel: every table lives in a *.table.ts file, none of which imports this file, so there is no
// import cycle between the tables and the schema.
export * from './core.table.ts';
export * from './intake.table.ts';
export * from './assessment.table.ts';
export * from './protection.table.ts';
export * from './notifications.table.ts';
export * from './mapping.table.ts';
