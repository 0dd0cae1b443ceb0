import type { NimbusApi } from '../../electron/shared/api';
import { createWebBridge } from './webBridge';

/** The desktop app's preload API when present, else the same API over HTTP (web mode). */
export const nimbus: NimbusApi = window.nimbus ?? createWebBridge();
