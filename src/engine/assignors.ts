export * from './groups/assignors';
