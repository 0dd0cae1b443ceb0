/** The engine's utility-process entry, built next to out/main/index.js (see electron.vite.config.ts). */
export const SERVICES_WORKER_FILE = 'servicesWorker.js';
