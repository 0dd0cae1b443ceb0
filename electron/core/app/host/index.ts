export { InProcessServicesHost } from './InProcessServicesHost';
export { WorkerServicesHost, type WorkerHostOptions } from './WorkerServicesHost';
export { forkSpawner } from './forkSpawner';
export type { SpawnWorker, WorkerChannel, WorkerEvents } from './protocol';
export { READY_EVENT, type HostServicesOptions, type ProgressListener, type ServicesHost } from './types';
