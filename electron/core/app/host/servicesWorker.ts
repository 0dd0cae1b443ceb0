/**
 * Entry of the engine's own process: runs NimbusServices (engine, index builds, embedding) away
 * from the process that serves the window or HTTP. Built as out/main/servicesWorker.js by
 * electron-vite (an extra input of the main build) and started with Electron's utilityProcess; run
 * from source with `node --import tsx` by forkSpawner (tests, web server, CLI).
 */
import { parentWorkerPort, serveServices } from './workerMain';

const port = parentWorkerPort();
if (!port) throw new Error('servicesWorker runs as a child process (fork or utilityProcess) only.');
serveServices(port);
