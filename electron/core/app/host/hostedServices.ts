/**
 * NimbusServices as every host runs them: opened lazily, progress to one callback, and a final
 * READY_EVENT once the engine is open (whatever call triggered the opening).
 */
import { NimbusServices, openCoreSession, type OpenSession } from '../services';
import { READY_EVENT, type HostServicesOptions, type ProgressListener } from './types';

export interface HostedServicesOptions extends HostServicesOptions {
  /** Injected by tests; defaults to openCoreSession. */
  open?: OpenSession;
}

export function hostedServices(o: HostedServicesOptions, emit: ProgressListener): NimbusServices {
  const { open = openCoreSession, ...rest } = o;
  return NimbusServices.lazy({
    ...rest,
    onProgress: emit,
    open: async (opts) => {
      const session = await open(opts);
      emit(READY_EVENT);
      return session;
    },
  });
}
