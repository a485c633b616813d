export * from './producer/partitioner';
